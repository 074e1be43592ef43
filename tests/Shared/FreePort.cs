using System.Net;
using System.Net.Sockets;

namespace Edge.Tests.Shared;

/// <summary>A loopback port nothing listens on right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
