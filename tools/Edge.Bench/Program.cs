using System.CommandLine;
using Edge.Bench.Acl;
using Edge.Bench.Autoscale;
using Edge.Bench.Buffer;
using Edge.Bench.Failover;
using Edge.Bench.Fleet;
using Edge.Bench.Ingest;
using Edge.Bench.Ha;
using Edge.Bench.Micro;
using Edge.Bench.Pool;

namespace Edge.Bench;

/// <summary>The command tree only; every command lives with the code it runs.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("Edge benches: each prints a table and can write JSON (--out). See tools/Edge.Bench/README.md.");
        root.Subcommands.Add(BufferBenchCommand.Create());
        root.Subcommands.Add(PoolBenchCommand.Create());
        root.Subcommands.Add(AutoscaleBenchCommand.Create());
        root.Subcommands.Add(FailoverBenchCommand.Create());
        root.Subcommands.Add(IngestBenchCommand.Create());
        root.Subcommands.Add(FleetBenchCommand.Create());
        root.Subcommands.Add(HaBenchCommand.Create());
        root.Subcommands.Add(MicroBenchCommand.Create());
        root.Subcommands.Add(AclBenchCommand.Create());
        return root.Parse(args).Invoke();
    }
}
