using Edge.Gateway.Core.Election;
using Edge.Gateway.Core.Ports;
using Edge.Gateway.Core.Storage;
using Edge.Gateway.Etcd;
using Edge.Gateway.Postgres;

namespace Edge.Gateway.Hosting;

/// <summary>
/// --store postgres://user:password@host:port/database and --election etcd://host:2379[,host:2379...]: every
/// gateway of a site runs with the same two, and the one etcd elects leads. An election needs a store and a broker
/// all the gateways share (a SQLite file per gateway would split the data), so --election without --store or
/// --broker is refused (GatewayCommandLine checks both); a shared store without an election runs one gateway on
/// PostgreSQL.
/// </summary>
internal sealed record HighAvailability(string? Store, string? Election)
{
    public static readonly HighAvailability Single = new(null, null);

    /// <summary>The PostgreSQL store when one is named, else null (the runtime opens its SQLite file).</summary>
    public IGatewayStore? CreateStore() => Store is null ? null : new PostgresGatewayStore(Store);

    /// <summary>The etcd election when one is named, else null (the runtime runs the single-gateway guard).</summary>
    public ILeaderElection? CreateElection(string site, string gateway, ElectionOptions options, TimeProvider clock, ILoggerFactory loggers,
        Leadership leadership) =>
        Election is null ? null : new EtcdElection(Election, site, gateway, options, clock, loggers.CreateLogger<EtcdElection>(), leadership);
}
