using System.CommandLine;
using BenchmarkDotNet.Running;

namespace Edge.Bench.Micro;

/// <summary>
/// <c>micro</c>: the BenchmarkDotNet suites (per-sample cost of predictor + buffer, the gateway's decode and
/// aggregate per batch). Everything after <c>micro</c> goes to BenchmarkDotNet (<c>--filter '*' --job short</c>).
/// </summary>
internal static class MicroBenchCommand
{
    public static Command Create()
    {
        var rest = new Argument<string[]>("benchmarkdotnet-arguments") { Description = "Passed to BenchmarkDotNet, e.g. --filter '*' --job short.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("micro", "BenchmarkDotNet micro-benchmarks, each reported as a ratio to its baseline.") { TreatUnmatchedTokensAsErrors = false };
        command.Arguments.Add(rest);
        command.SetAction(parse =>
        {
            string[] args = [.. parse.GetValue(rest) ?? [], .. parse.UnmatchedTokens];
            BenchmarkSwitcher.FromAssembly(typeof(MicroBenchCommand).Assembly).Run(args);
            return 0;
        });
        return command;
    }
}
