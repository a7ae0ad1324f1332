# Runtime API client of the Ruby bootstrap: HTTP/1.1 over one kept-alive TCP socket (net/http costs
# tens of milliseconds of every cold start).
require 'socket'

module LambdaWorkbench
  # One persistent connection to the Runtime API at "host:port".
  class RuntimeClient
    BASE = '/2018-06-01/runtime'.freeze

    def initialize(address)
      @address = address
      host, _, port = address.rpartition(':')
      @host = host.delete('[]')
      @port = Integer(port)
      @sock = nil
    end

    # Blocks until the next invocation: [headers (lower-case names), body].
    def next_invocation
      status, headers, body = request('GET', '/invocation/next')
      raise "Request to Lambda Runtime 'next' endpoint failed. Reason: '#{status}'. Response body: '#{body}'" unless status == 200

      [headers, body]
    end

    def post_response(request_id, body)
      request('POST', "/invocation/#{request_id}/response", body)
    end

    def post_error(request_id, error, error_type)
      request('POST', "/invocation/#{request_id}/error", error, error_headers(error_type))
    end

    def post_init_error(error, error_type)
      request('POST', '/init/error', error, error_headers(error_type))
    end

    private

    def error_headers(error_type)
      "Content-Type: application/json\r\nLambda-Runtime-Function-Error-Type: #{error_type.to_s.delete("\r\n")}\r\n"
    end

    def connect
      @sock = TCPSocket.new(@host, @port)
      @sock.setsockopt(Socket::IPPROTO_TCP, Socket::TCP_NODELAY, 1)
    end

    def request(method, path, body = ''.b, extra = '')
      body = body.b
      2.times do |attempt|
        fresh = @sock.nil?
        connect if fresh
        begin
          @sock.write("#{method} #{BASE}#{path} HTTP/1.1\r\nHost: #{@address}\r\nUser-Agent: lambda-workbench-ruby\r\n#{extra}Content-Length: #{body.bytesize}\r\n\r\n".b + body)
          return read_response
        rescue IOError, SystemCallError, EOFError
          @sock&.close
          @sock = nil
          raise if fresh || attempt == 1
        end
      end
    end

    def read_response
      status_line = @sock.gets("\r\n") or raise EOFError, 'the Runtime API closed the connection'
      status = status_line.split(' ')[1].to_i
      headers = {}
      while (line = @sock.gets("\r\n")) && line != "\r\n"
        name, value = line.split(':', 2)
        headers[name.strip.downcase] = value.to_s.strip
      end
      body = if headers['transfer-encoding'].to_s.casecmp?('chunked')
               read_chunked
             else
               length = headers['content-length'].to_i
               length.positive? ? @sock.read(length) : ''.b
             end
      if headers['connection'].to_s.casecmp?('close')
        @sock.close
        @sock = nil
      end
      [status, headers, body.force_encoding('UTF-8')]
    end

    def read_chunked
      out = ''.b
      loop do
        size = @sock.gets("\r\n").to_i(16)
        if size.zero?
          @sock.gets("\r\n")
          return out
        end
        out << @sock.read(size)
        @sock.gets("\r\n")
      end
    end
  end
end
