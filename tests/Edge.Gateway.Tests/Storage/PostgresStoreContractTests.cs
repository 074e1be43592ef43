using Edge.Gateway.Core.Storage;
using Edge.Gateway.Postgres;

namespace Edge.Gateway.Tests.Storage;

/// <summary>The store contract on a real PostgreSQL server, a fresh database per test.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresStoreContractTests(PostgresServer server) : StoreContract, IClassFixture<PostgresServer>
{
    private protected override async Task<IGatewayStore> OpenAsync() => new PostgresGatewayStore(await server.NewDatabaseAsync());
}
