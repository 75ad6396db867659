using System.Net;
using System.Net.Sockets;
using System.Text;

namespace YouTubeAnalytics.Reliability.Tests.HostileInput;

/// <summary>One HTTP/1.1 exchange written byte for byte (no client normalising "..", encoding or limits).</summary>
public static class RawHttp
{
    /// <summary>Status 0 means the server closed the connection without an answer.</summary>
    public sealed record Answer(int Status, string Text)
    {
        /// <summary>The body, with chunked transfer encoding undone.</summary>
        public string Body
        {
            get
            {
                var split = Text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (split < 0)
                    return "";
                var head = Text[..split];
                var rest = Text[(split + 4)..];
                if (!head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
                    return rest;
                var body = new StringBuilder();
                while (rest.IndexOf("\r\n", StringComparison.Ordinal) is var end and > 0
                       && int.TryParse(rest[..end], System.Globalization.NumberStyles.HexNumber, null, out var size) && size > 0)
                {
                    // Sizes count bytes; the answers read here are ASCII JSON, so characters are bytes.
                    body.Append(rest.AsSpan(end + 2, Math.Min(size, rest.Length - end - 2)));
                    rest = rest[Math.Min(rest.Length, end + 2 + size + 2)..];
                }
                return body.ToString();
            }
        }
    }

    public static async Task<Answer> SendAsync(int port, string method, string target, IReadOnlyDictionary<string, string>? headers,
        byte[]? body, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        if (body is not null)
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        head.Append("\r\n");

        var reading = ReadToEndAsync(stream, cancellationToken);
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), cancellationToken);
            if (body is not null)
            {
                for (var at = 0; at < body.Length; at += 64 * 1024)
                    await stream.WriteAsync(body.AsMemory(at, Math.Min(64 * 1024, body.Length - at)), cancellationToken);
            }
        }
        catch (IOException)
        {
            // The server answered (413, 431...) and closed before the whole request was written.
        }
        var text = await reading;
        var status = text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var code) ? code : 0;
        return new Answer(status, text);
    }

    private static async Task<string> ReadToEndAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
                buffer.Write(chunk, 0, read);
        }
        catch (IOException)
        {
            // reset after the answer: keep what arrived
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
