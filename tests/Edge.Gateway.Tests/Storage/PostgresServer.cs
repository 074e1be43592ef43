using Edge.Tests.Shared.Processes;

namespace Edge.Gateway.Tests.Storage;

/// <summary>One real PostgreSQL server for a test class (starting one costs a few seconds); every test takes its own database.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private int _databases;

    internal PostgresProcess Process { get; private set; } = null!;

    public async Task InitializeAsync() => Process = await PostgresProcess.StartAsync(FreePort.Next());

    public async Task DisposeAsync() => await Process.DisposeAsync();

    /// <summary>A fresh database; returns its --store URI.</summary>
    internal Task<string> NewDatabaseAsync() => Process.CreateDatabaseAsync("edge_" + Interlocked.Increment(ref _databases));
}
