using System.Globalization;
using Npgsql;

namespace Edge.Tests.Shared.Processes;

/// <summary>
/// A real PostgreSQL server (Debian's postgresql package): initdb into a temp folder, postgres on a free loopback
/// port with its socket in that folder, trust authentication for the one user "edge". Each test takes its own
/// database (<see cref="CreateDatabaseAsync"/>), so one server serves a whole test class.
/// </summary>
internal sealed class PostgresProcess : ServiceProcess
{
    private const string User = "edge";
    private const string OsUser = "postgres";

    private PostgresProcess(int port)
        : base("postgres")
    {
        Port = port;
    }

    public int Port { get; }

    public static async Task<PostgresProcess> StartAsync(int port)
    {
        var server = new PostgresProcess(port);
        string data = Path.Combine(server.Directory, "data");
        await ChownAsync(server.Directory, OsUser).ConfigureAwait(false);
        await RunToEndAsync(Require("initdb", "postgresql"), ["-D", data, "-U", User, "--auth=trust", "-E", "UTF8", "--no-sync"],
            OsUser).ConfigureAwait(false);
        server.Launch(Require("postgres", "postgresql"),
        [
            "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture), "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=" + server.Directory, "-c", "max_connections=200", "-c", "log_min_messages=warning",
        ], OsUser);
        await server.WaitUntilAsync(server.AnswersAsync, "postgres accepting queries", TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        return server;
    }

    /// <summary>The --store URI of a database on this server.</summary>
    public string Uri(string database) => $"postgres://{User}@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/{database}";

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database, Pooling = false }.ConnectionString;

    /// <summary>A fresh, empty database; returns its --store URI.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        return Uri(name);
    }

    /// <summary>One value from a database on this server (tests and benches read totals straight from the store).</summary>
    public async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync().ConfigureAwait(false))!, typeof(T), CultureInfo.InvariantCulture);
    }

    protected override int StopSignal => Signals.Quit;

    private async Task<bool> AnswersAsync()
    {
        if (!Accepts(Port))
        {
            return false;
        }

        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync().ConfigureAwait(false);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
