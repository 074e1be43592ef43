using System.Net;
using System.Net.Sockets;

namespace Edge.Node.Sim.Fleet;

/// <summary>
/// A loopback TCP proxy between one virtual board and the broker, failing the way networks fail: Kill resets the
/// connection (no MQTT DISCONNECT, so the broker publishes the board's Will at once); Pause stops forwarding in
/// both directions without closing anything, like a partition or a hung board, which only heartbeats reveal.
/// </summary>
public sealed class FlakyLink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Board, TcpClient Broker)> _pairs = [];
    private readonly Lock _gate = new();
    private volatile bool _paused;
    private int _disposed;

    public FlakyLink(string host, int port)
    {
        _host = host;
        _port = port;
        _listener.Start();
        _ = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool Paused => _paused;

    public void Pause() => _paused = true;

    public void Resume() => _paused = false;

    /// <summary>Resets every open connection (RST, no FIN); new connections are still accepted.</summary>
    public void Kill()
    {
        lock (_gate)
        {
            foreach (var (board, broker) in _pairs)
            {
                Reset(board);
                Reset(broker);
            }

            _pairs.Clear();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _listener.Stop();
        Kill();
        _stop.Dispose();
    }

    private static void Reset(TcpClient client)
    {
        try
        {
            // After Close the TcpClient has no socket; the other pump may have closed it already.
            if (client.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            client.Close();
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // already closed by the other pump
        }
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient board;
            try
            {
                board = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var broker = new TcpClient();
            try
            {
                await broker.ConnectAsync(_host, _port, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                Reset(board);
                broker.Dispose();
                continue;
            }

            board.NoDelay = true;
            broker.NoDelay = true;
            lock (_gate)
            {
                _pairs.Add((board, broker));
            }

            _ = Pump(board, broker);
            _ = Pump(broker, board);
        }
    }

    private async Task Pump(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            while (!_stop.IsCancellationRequested)
            {
                // While paused nothing is read, so TCP's own flow control holds the sender, as a dead path would.
                while (_paused && !_stop.IsCancellationRequested)
                {
                    await Task.Delay(10, _stop.Token).ConfigureAwait(false);
                }

                int n = await source.ReadAsync(buffer, _stop.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                while (_paused && !_stop.IsCancellationRequested)
                {
                    await Task.Delay(10, _stop.Token).ConfigureAwait(false);
                }

                await sink.WriteAsync(buffer.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException or SocketException)
        {
            // one side went away; close the other below
        }

        to.Close();
        from.Close();
    }
}
