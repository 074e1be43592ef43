using System.CommandLine;
using System.Device.I2c;
using System.Runtime.InteropServices;
using System.Text.Json;
using Edge.Node.Pi.Config;
using Edge.Node.Pi.Hosting;

namespace Edge.Node.Pi;

/// <summary>The Raspberry Pi node: command line, config, then a <see cref="PiNode"/> until SIGTERM.</summary>
internal static class Program
{
    /// <summary>The exit code for anything the operator must fix (command line, config, data directory, GPIO).</summary>
    public const int UsageError = 2;

    private const string Description = """
        Edge node for the Raspberry Pi: sources -> agent (spilled to disk) -> MQTT -> gateway.

        Examples:
          edge-node --config /etc/edge/node.json      run (systemd runs exactly this)
          edge-node --config node.json --check        check the config and the sources' files, then exit
          dotnet Edge.Node.Pi.dll --config node.json  run from a build output folder

        The config file is described in firmware/Edge.Node.Pi/README.md (sources: netcounter, gpio-pulse, replay,
        bme280, ads1115); hardware/raspberry-pi/README.md has the wiring.
        """;

    private static int Main(string[] args) => Run(args, Console.Out, Console.Error, I2cDevice.Create);

    /// <summary>Parses and runs; every mistake is one line on <paramref name="errors"/> and exit code 2, never a stack trace.</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter errors, Func<I2cConnectionSettings, I2cDevice> openI2c)
    {
        var config = new Option<FileInfo>("--config", "-c")
        {
            Description = "The JSON config file.",
            DefaultValueFactory = _ => new FileInfo(PiConfig.DefaultPath),
            HelpName = "file",
        };
        var check = new Option<bool>("--check") { Description = "Check the config and the sources' files, print what would run, and exit." };
        var root = new RootCommand(Description) { config, check };
        root.SetAction(parse => Start(parse.GetValue(config)!.FullName, parse.GetValue(check), output, errors, openI2c));

        // Unknown options, stray arguments and malformed values: the parser's own message, one line, no help dump.
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            errors.WriteLine("edge-node: " + OneLine(parse.Errors[0].Message) + " (edge-node --help shows the options)");
            return UsageError;
        }

        // --help and --version run their own actions; anything else runs the node.
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = errors });
    }

    private static int Start(string configPath, bool checkOnly, TextWriter output, TextWriter errors, Func<I2cConnectionSettings, I2cDevice> openI2c)
    {
        PiConfig config;
        try
        {
            config = PiConfig.Load(configPath);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or JsonException or UnauthorizedAccessException)
        {
            errors.WriteLine("edge-node: cannot use " + configPath + ": " + OneLine(e.Message));
            return UsageError;
        }

        if (checkOnly)
        {
            return Check(config, configPath, output, errors);
        }

        using var stop = new CancellationTokenSource();
        PiNode node;
        try
        {
            node = PiNode.Start(config, stop, openI2c, output, errors);
        }
        catch (InvalidDataException e)
        {
            errors.WriteLine("edge-node: " + OneLine(e.Message));
            return UsageError;
        }

        using (node)
        {
            // Wait for SIGTERM (systemctl stop), Ctrl+C or a reboot command.
            using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel(stop)))
            using (PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel(stop)))
            {
                stop.Token.WaitHandle.WaitOne();
            }

            return node.Stop();
        }
    }

    /// <summary>--check: the config parsed, and every source built as at start-up (files read, interfaces found).</summary>
    private static int Check(PiConfig config, string configPath, TextWriter output, TextWriter errors)
    {
        try
        {
            using var sources = new SourceFactory(_ => throw new IOException("not opened by --check"), errors);
            sources.Create(new PiConfig { Sources = [.. config.Sources.Where(s => s.Kind is not (SourceConfig.GpioPulse or SourceConfig.Bme280 or SourceConfig.Ads1115))] });
        }
        catch (InvalidDataException e)
        {
            errors.WriteLine("edge-node: " + OneLine(e.Message));
            return UsageError;
        }

        output.WriteLine(configPath + ": node " + config.Node + " at site " + config.Site + ", brokers " + string.Join(' ', config.Brokers) + ", data " + config.DataDir);
        foreach (SourceConfig source in config.Sources)
        {
            output.WriteLine("  flow " + source.Flow + ": " + source.Kind + ", " + source.SamplesPerSecond.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + " readings/s");
        }

        return 0;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    private static Action<PosixSignalContext> Cancel(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };
}
