using System.Data.Common;
using System.Net.Sockets;
using Edge.Gateway.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Edge.Gateway.Hosting;

/// <summary>
/// Runs the gateway for Program.cs, turning what goes wrong at start (a taken port, a database that cannot be
/// written or, in the HA mode, reached) into one line on stderr and exit code 1, instead of a stack trace.
/// </summary>
internal static class GatewayStartup
{
    public static async Task<int> RunAsync(GatewayHostOptions options, CancellationToken cancellationToken)
    {
        // The HA mode never opens the SQLite file: it checks the shared store instead.
        if ((options.HighAvailability.Store is null ? CheckDatabase(options.Gateway.Store.DatabasePath) : CheckStore(options.HighAvailability)) is { } dbError)
        {
            return Fail(dbError);
        }

        try
        {
            await using WebApplication app = GatewayApp.Build(options);
            await app.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (Explain(e, options) is { } reason)
        {
            return Fail(reason);
        }
    }

    /// <summary>Null when the SQLite file can be created (with its folder) and written.</summary>
    public static string? CheckDatabase(string path)
    {
        try
        {
            new GatewayDatabase(path).EnsureSchema();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException or NotSupportedException or ArgumentException)
        {
            return "--db " + path + ": cannot create or write the database there (" + FirstLine(e.Message) + ")";
        }
    }

    /// <summary>Null when the shared store answers and has (or now has) its schema; the reason names no password.</summary>
    public static string? CheckStore(HighAvailability highAvailability)
    {
        IGatewayStore store = highAvailability.CreateStore() ?? throw new ArgumentException("no --store", nameof(highAvailability));
        try
        {
            store.EnsureSchema();
            return null;
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException)
        {
            return "--store " + store.Location + ": cannot reach or write the database (" + FirstLine(e.Message) + ")";
        }
        finally
        {
            (store as IDisposable)?.Dispose();
        }
    }

    /// <summary>A one-line reason for a failure at start that the user can fix, or null for a bug (which keeps its trace).</summary>
    public static string? Explain(Exception e, GatewayHostOptions options)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return options.ServerCertificate is null
                    ? "MQTT port " + options.Broker.Port + " on " + options.MqttBind + " is already in use (another gateway or broker?); choose --mqtt-port"
                    : "MQTT port " + options.Broker.Port + " or TLS port " + options.TlsPort + " is already in use (another gateway or broker?); choose --mqtt-port or --tls-port";
            }

            if (inner is SocketException { SocketErrorCode: SocketError.AddressNotAvailable })
            {
                return "--mqtt-bind " + options.MqttBind + " is not an address of this machine";
            }

            if (inner is IOException io && io.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return "HTTP port " + options.HttpPort + " on 127.0.0.1 is already in use; choose --http-port";
            }

            if (inner is SqliteException or UnauthorizedAccessException)
            {
                return "--db " + options.Gateway.Store.DatabasePath + ": " + FirstLine(inner.Message);
            }
        }

        return null;
    }

    private static int Fail(string reason)
    {
        Console.Error.WriteLine("edge-gateway: " + reason);
        return 1;
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
