using Edge.Gateway.Core.Storage;

namespace Edge.Gateway.Tests.Storage;

/// <summary>The store contract on the single mode's SQLite file.</summary>
[Trait("Category", "Integration")]
public sealed class SqliteStoreContractTests : StoreContract
{
    private readonly TempDirectory _dir = new();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _dir.Dispose();
    }

    private protected override Task<IGatewayStore> OpenAsync() => Task.FromResult<IGatewayStore>(new SqliteGatewayStore(_dir.File("gw.db")));
}
