using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Edge.Tests.Shared;

/// <summary>
/// A loopback port nothing listens on right now, and one the kernel does not hand out by itself before the server
/// binds it. A port asked of the kernel (port 0) comes from its ephemeral range, from which it also picks the local
/// port of every outgoing connection on the machine: between this check and the server's bind, a client of any test
/// (or of another test assembly running beside this one) could be given the same port, and the server's bind then
/// fails with "address already in use" (a stress run beside a 1,000-connection load failed so; which process took
/// the port was not seen). Ports below the ephemeral range are never handed out that way; they are picked at random,
/// so test processes running side by side rarely pick the same one, and never twice in one process.
/// </summary>
internal static class FreePort
{
    /// <summary>The lowest port handed out: above the registered services a lab machine may run.</summary>
    public const int Lowest = 20_000;

    private static readonly HashSet<int> Given = [];

    /// <summary>The first port of the kernel's ephemeral range (32768 unless configured otherwise).</summary>
    public static int EphemeralStart { get; } = ReadEphemeralStart();

    public static int Next()
    {
        if (EphemeralStart - Lowest >= 1_000)
        {
            for (int attempt = 0; attempt < 100; attempt++)
            {
                int port = Random.Shared.Next(Lowest, EphemeralStart);
                lock (Given)
                {
                    if (!Given.Contains(port) && Bindable(port))
                    {
                        Given.Add(port);
                        return port;
                    }
                }
            }
        }

        // A machine whose ephemeral range starts low: the kernel's choice, with the race described above.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Bindable(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int ReadEphemeralStart()
    {
        try
        {
            string[] range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
