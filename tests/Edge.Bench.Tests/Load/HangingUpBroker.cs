using System.Net;
using System.Net.Sockets;

namespace Edge.Bench.Tests.Load;

/// <summary>
/// A broker that accepts one connection, answers its CONNECT (CONNACK accepted, MQTT 3.1.1 section 3.2:
/// 0x20 0x02 0x00 0x00), then hangs up on the next packet instead of acknowledging it: a subscription never
/// acknowledged, as at 10,000 boards when the gateway's broker dropped connections in the middle of the start-up.
/// </summary>
internal sealed class HangingUpBroker : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _serving;

    public HangingUpBroker()
    {
        _listener.Start();
        _serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        _ = _serving.Exception;
    }

    private async Task ServeAsync()
    {
        using TcpClient client = await _listener.AcceptTcpClientAsync();
        NetworkStream stream = client.GetStream();
        var buffer = new byte[1024];
        _ = await stream.ReadAsync(buffer);
        await stream.WriteAsync(new byte[] { 0x20, 0x02, 0x00, 0x00 });
        _ = await stream.ReadAsync(buffer);
        client.Client.Shutdown(SocketShutdown.Both);
    }
}
