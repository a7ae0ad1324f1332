# Where the Ruby runtime's output goes: each write to $stdout/$stderr becomes one log event (multi-line
# messages stay whole) on the engine's log channel (_LAMBDA_WORKBENCH_LOG_FD), as Lambda's telemetry fd does.
module LambdaWorkbench
  # The structured log channel and the $stdout/$stderr replacements that write to it.
  module LogSink
    class << self
      attr_accessor :request_id
    end

    # An IO-like object that turns each write into one event.
    class EventWriter
      def initialize(io)
        @io = io
      end

      def write(*parts)
        text = parts.join
        LogSink.emit(text) unless text.empty?
        text.bytesize
      end

      def <<(obj)
        write(obj.to_s)
        self
      end

      def print(*args)
        write(*args)
        nil
      end

      def puts(*args)
        return write("\n") && nil if args.empty?

        lines = args.flatten.map { |a| s = a.to_s; s.end_with?("\n") ? s : "#{s}\n" }
        write(lines.join)
        nil
      end

      def printf(fmt, *args)
        write(format(fmt, *args))
        nil
      end

      def flush
        self
      end

      def sync
        true
      end

      def sync=(_value); end

      def fileno
        @io.fileno
      end

      def tty?
        false
      end
      alias isatty tty?

      def method_missing(name, *args, &block)
        @io.respond_to?(name) ? @io.send(name, *args, &block) : super
      end

      def respond_to_missing?(name, include_private = false)
        @io.respond_to?(name, include_private) || super
      end
    end

    def self.install
      fd = ENV['_LAMBDA_WORKBENCH_LOG_FD']
      @channel = fd ? IO.new(Integer(fd), 'w') : nil
      @channel&.sync = true
      @mutex = Mutex.new
      return unless @channel

      $stdout = EventWriter.new($stdout)
      $stderr = EventWriter.new($stderr)
    end

    # Writes one event (the message keeps its trailing newline).
    def self.emit(message)
      message = message.to_s
      if @channel
        record = JSON.generate({ 't' => (Time.now.to_f * 1000).to_i, 'm' => message.dup.force_encoding('UTF-8').scrub }) << "\n"
        @mutex.synchronize { @channel.write(record) }
      else
        STDOUT.write(message)
      end
    end
  end
end
