using System.Net;
using System.Net.Sockets;

namespace Edge.Bench.Harness;

/// <summary>
/// Free loopback ports: benches never use fixed ports. Chosen as the tests choose them (tests/Shared/FreePort.cs says
/// why not the kernel's port 0): a bench opens thousands of outgoing connections, any of which the kernel may give
/// the port a broker was about to bind, and the bench's tests run beside other test assemblies doing the same.
/// </summary>
internal static class Ports
{
    public static int Free() => Edge.Tests.Shared.FreePort.Next();

    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
