using System.Net;
using System.Net.Sockets;

namespace Edge.Gateway.Tests.Fixtures;

/// <summary>The helper every server in the tests binds through (tests/Shared/FreePort.cs).</summary>
public sealed class FreePortTests
{
    [Fact]
    public void A_free_port_lies_below_the_range_the_kernel_gives_outgoing_connections_and_is_never_given_twice()
    {
        int[] ports = [.. Enumerable.Range(0, 50).Select(_ => FreePort.Next())];

        Assert.All(ports, port => Assert.InRange(port, FreePort.Lowest, FreePort.EphemeralStart - 1));
        Assert.Equal(ports.Length, ports.Distinct().Count());
    }

    [Fact]
    public void A_free_port_can_be_bound_by_a_server()
    {
        int port = FreePort.Next();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }

    [Fact]
    public void A_port_a_server_holds_is_not_given_out()
    {
        var held = new List<TcpListener>();
        try
        {
            // Hold every port of a small stretch, then ask for many: none of the held ones comes back.
            for (int port = FreePort.Lowest; port < FreePort.Lowest + 200; port++)
            {
                var listener = new TcpListener(IPAddress.Loopback, port);
                try
                {
                    listener.Start();
                    held.Add(listener);
                }
                catch (SocketException)
                {
                    listener.Dispose();
                }
            }

            HashSet<int> heldPorts = [.. held.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
            Assert.DoesNotContain(Enumerable.Range(0, 500).Select(_ => FreePort.Next()), heldPorts.Contains);
        }
        finally
        {
            held.ForEach(l => l.Dispose());
        }
    }
}
