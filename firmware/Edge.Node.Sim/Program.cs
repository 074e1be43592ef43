using System.CommandLine;
using Edge.Node.Sim.Fleet;

namespace Edge.Node.Sim;

/// <summary>The command tree only; every command lives with the code it runs.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var root = new RootCommand("Edge node simulator.");
        root.Subcommands.Add(FleetCommand.Create());
        return root.Parse(args).Invoke();
    }
}
