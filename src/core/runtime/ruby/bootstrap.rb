# Lambda Workbench's Ruby runtime: loads the handler (`file.method` or `file.Module::Class.method`),
# then serves invocations from the Runtime API with Lambda's error shapes (Init<...>, Function<...>).
$LOAD_PATH.unshift(__dir__)
require 'json'
require 'runtime_client'
require 'lambda_context'
require 'log_sink'

module LambdaWorkbench
  INVALID_HANDLER = 'Invalid handler %s, must be of form FILENAME.METHOD or FILENAME.CLASS.METHOD where FILENAME corresponds with an ' \
                    'existing Ruby source file FILENAME.rb, CLASS is an optional module/class namespace and METHOD is a callable method. ' \
                    'If using CLASS, METHOD must be a class-level method.'.freeze

  # Lambda's error document for an exception; `kind` is "Init" or "Function".
  def self.error_document(exception, kind)
    {
      'errorMessage' => exception.message,
      'errorType' => "#{kind}<#{exception.class}>",
      'stackTrace' => exception.backtrace || []
    }
  end

  def self.load_handler(handler, task_root)
    parts = handler.to_s.split('.')
    raise ArgumentError, format(INVALID_HANDLER, handler) unless parts.size == 2 || parts.size == 3

    file = parts[0]
    require File.join(task_root, file)
    if parts.size == 2
      [Object.new.tap { |o| o.extend(Kernel) }, parts[1], true]
    else
      [Object.const_get(parts[1]), parts[2], false]
    end
  end

  def self.run
    client = RuntimeClient.new(ENV.fetch('AWS_LAMBDA_RUNTIME_API'))
    LogSink.install
    begin
      receiver, method_name, top_level = load_handler(ENV['_HANDLER'], ENV.fetch('LAMBDA_TASK_ROOT', Dir.pwd))
    rescue Exception => e # rubocop:disable Lint/RescueException -- every load failure is an init error, as on Lambda
      doc = error_document(e, 'Init')
      LogSink.emit("Init error when loading handler #{ENV['_HANDLER']}\n#{JSON.pretty_generate(doc)}\n")
      client.post_init_error(JSON.generate(doc), doc['errorType'])
      exit!(1)
    end
    loop do
      headers, body = client.next_invocation
      request_id = headers['lambda-runtime-aws-request-id']
      LogSink.request_id = request_id
      trace = headers['lambda-runtime-trace-id']
      trace ? ENV['_X_AMZN_TRACE_ID'] = trace : ENV.delete('_X_AMZN_TRACE_ID')
      begin
        event = JSON.parse(body)
        context = LambdaContext.new(headers)
        # A top-level method in the handler file is a private method of Object: call it with send.
        result = top_level ? receiver.send(method_name, event: event, context: context) : receiver.public_send(method_name, event: event, context: context)
        $stdout.flush
        client.post_response(request_id, JSON.generate(result))
      rescue Exception => e # rubocop:disable Lint/RescueException -- Lambda reports every exception the handler raises
        $stdout.flush
        doc = error_document(e, 'Function')
        LogSink.emit("Error raised from handler method\n#{JSON.pretty_generate(doc)}\n")
        client.post_error(request_id, JSON.generate(doc), doc['errorType'])
        exit!(1) if e.is_a?(SystemExit) || e.is_a?(NoMemoryError)
      end
    end
  end
end

LambdaWorkbench.run
