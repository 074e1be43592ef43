using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edge.Gateway.Core.Balancing;
using Edge.Gateway.Core.Flows;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Core.Sinks;
using Edge.Gateway.Core.Storage;
using Edge.Gateway.Demo;
using Edge.Gateway.Etcd;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Mqtt.Tls;
using Edge.Gateway.Postgres;
using Edge.Protocol;

namespace Edge.Gateway.Hosting;

/// <summary>
/// The gateway's command line (System.CommandLine): every option checked where it is parsed, so a typo or a bad
/// value ends in one line naming the option and a non-zero exit, never in a stack trace. Defaults are the ones
/// the logic's options classes define; --demo only fills in what the user did not set.
/// </summary>
internal sealed class GatewayCommandLine
{
    private static readonly GatewayOptions Defaults = new();

    private readonly Option<string> _site = IdOption("--site", "Site id: the topic level nodes and gateway share (edge/v1/{site}/...).", Defaults.Site);
    private readonly Option<string> _gatewayId = IdOption("--gateway-id", "This gateway's id (its MQTT client ids are {id}-in, {id}-hb and {id}-out).", Defaults.GatewayId);
    private readonly Option<FlowCatalog> _flows = new("--flows")
    {
        Description = "Flows to accept: id[:weight[:node+node]] items, ranges allowed, e.g. \"0-7\" or \"0-3,9:2.5:pi-01\".",
        HelpName = "spec",
        DefaultValueFactory = _ => Defaults.Flows,
        CustomParser = ParseFlows,
    };

    private readonly Option<string> _db = new("--db")
    {
        Description = "SQLite file for committed samples and rollups (created, with its folder, if missing).",
        HelpName = "path",
        DefaultValueFactory = _ => Defaults.Store.DatabasePath,
    };

    private readonly Option<double> _retention = PositiveOption(
        "--retention", "Hours stored batches and rollups are kept (flow totals are kept forever).", "hours", Defaults.Store.Retention.TotalHours);

    private readonly Option<BrokerEndpoint?> _broker = new("--broker")
    {
        Description = "External broker (mqtt://host:port, or mqtts://host:8883 for TLS with --tls-ca); without it the gateway runs its own embedded broker.",
        HelpName = "uri",
        CustomParser = ParseBroker,
    };

    private readonly Option<int> _mqttPort = PortOption("--mqtt-port", "Port of the embedded broker.", GatewayHostOptions.DefaultMqttPort);
    private readonly Option<IPAddress> _mqttBind = new("--mqtt-bind")
    {
        Description = "Address the embedded broker listens on (only this one).",
        HelpName = "address",
        DefaultValueFactory = _ => IPAddress.Parse(GatewayHostOptions.DefaultMqttBind),
        CustomParser = ParseAddress,
    };

    private readonly Option<int> _httpPort = PortOption("--http-port", "Port of the dashboard, REST API and /metrics (on 127.0.0.1).", GatewayHostOptions.DefaultHttpPort);
    private readonly Option<Uri?> _webhook = new("--webhook")
    {
        Description = "Also POST every rollup as JSON to this http(s) URL.",
        HelpName = "url",
        CustomParser = ParseWebhook,
    };

    private readonly Option<string?> _republish = new("--republish")
    {
        Description = "Also publish rollups retained under this topic prefix (for a bridge to another system).",
        HelpName = "prefix",
    };

    private readonly Option<double> _nodeCapacity = PositiveOption(
        "--node-capacity", "Samples per second one node carries comfortably: the balancer's and autoscaler's unit.", "samples/s", Defaults.Supervisor.NodeCapacity);

    private readonly Option<int> _maxNodes = new("--max-nodes")
    {
        Description = "Nodes the gateway keeps state for; a birth from a new node beyond it is refused (logged as node_limit).",
        HelpName = "count",
        DefaultValueFactory = _ => Defaults.Supervisor.MaxNodes,
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int count) && count >= 1)
            {
                return count;
            }

            r.AddError("--max-nodes \"" + text + "\": a whole number, 1 or more");
            return Defaults.Supervisor.MaxNodes;
        },
    };

    private readonly Option<double> _plausibilityWindow = new("--plausibility-window")
    {
        Description = "Seconds each check of a node's reports against what the gateway measures covers; a node failing "
            + Defaults.Supervisor.Plausibility.Strikes + " in a row is quarantined (docs/SECURITY.md). 0 turns the checks off.",
        HelpName = "seconds",
        DefaultValueFactory = _ => Defaults.Supervisor.Plausibility.Window.TotalSeconds,
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) && seconds is >= 0 and <= 86_400)
            {
                return seconds;
            }

            r.AddError("--plausibility-window \"" + text + "\": seconds, from 0 (off) to 86400");
            return Defaults.Supervisor.Plausibility.Window.TotalSeconds;
        },
    };

    private readonly Option<string> _balancer = new("--balancer")
    {
        Description = "Flow placement strategy.",
        HelpName = string.Join("|", BalancerCatalog.Names),
        DefaultValueFactory = _ => Defaults.Supervisor.Balancer,
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (!BalancerCatalog.Names.Contains(text, StringComparer.Ordinal))
            {
                r.AddError("--balancer \"" + text + "\": one of " + string.Join(", ", BalancerCatalog.Names));
            }

            return text;
        },
    };

    private readonly Option<double?> _learnEvery = new("--learn-every")
    {
        Description = "Train the fleet model on the committed history every this many seconds and push it to the boards when it beats their predictor (off unless given; the demo uses 60).",
        HelpName = "seconds",
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds >= 1 && !double.IsInfinity(seconds))
            {
                return seconds;
            }

            r.AddError("--learn-every \"" + text + "\": seconds, 1 or more");
            return null;
        },
    };

    private readonly Option<string?> _store = new("--store")
    {
        Description = "HA mode: the PostgreSQL database every gateway of the site shares, instead of --db (postgres://user:password@host:port/database).",
        HelpName = "uri",
        CustomParser = r => Checked(r, "--store", "expected postgres://user:password@host:port/database", text => PostgresGatewayStore.ConnectionString(text)),
    };

    private readonly Option<string?> _election = new("--election")
    {
        Description = "HA mode: the etcd cluster that elects which gateway leads (etcd://host:2379[,host:2379...]); needs --store and --broker.",
        HelpName = "uri",
        CustomParser = r => Checked(r, "--election", "expected etcd://host:2379[,host:2379...]", text => EtcdEndpoints.Parse(text)),
    };

    private readonly Option<LogLevel> _logLevel = new("--log-level")
    {
        Description = "Least severe log lines written.",
        DefaultValueFactory = _ => LogLevel.Information,
    };

    private readonly Option<string> _anonymous = new("--anonymous")
    {
        Description = "Clients without credentials on the embedded broker: auto lets them in only while --mqtt-bind is loopback; deny refuses them everywhere; allow lets them in even on the LAN (not recommended).",
        HelpName = "auto|deny|allow",
        DefaultValueFactory = _ => "auto",
    };

    private readonly Option<string?> _tlsCert = new("--tls-cert")
    {
        Description = "Server certificate (PEM, with --tls-key): the embedded broker also listens for MQTT over TLS on --tls-port, and the dashboard/API serve HTTPS. Make one with `certs server`.",
        HelpName = "path",
    };

    private readonly Option<string?> _tlsKey = new("--tls-key")
    {
        Description = "The server certificate's private key (PEM, owner-only).",
        HelpName = "path",
    };

    private readonly Option<int> _tlsPort = PortOption("--tls-port", "Port of the embedded broker's TLS listener (on --mqtt-bind).", BrokerEndpoint.DefaultTlsPort);

    private readonly Option<string> _plainMqtt = new("--plain-mqtt")
    {
        Description = "With --tls-cert: where the plain listener (--mqtt-port) stays: loopback (this machine's tools and the demo's boards), bind (also on --mqtt-bind: passwords in clear text, not recommended) or off.",
        HelpName = "loopback|bind|off",
        DefaultValueFactory = _ => GatewayHostOptions.PlainLoopback,
    };

    private readonly Option<string?> _tlsCa = new("--tls-ca")
    {
        Description = "With --broker mqtts://: the CA file (PEM) the broker's certificate must chain to, e.g. the lab CA's ca.crt (default: the system's CAs).",
        HelpName = "path",
    };

    private readonly Option<bool> _demo = new("--demo")
    {
        Description = "Run simulated boards in-process against the embedded broker, with the chaos API; the demo's site, flows and a fresh database unless given.",
    };

    public GatewayCommandLine()
    {
        _republish.Validators.Add(r =>
        {
            if (r.GetValue(_republish) is { } prefix && (prefix.Length == 0 || prefix.IndexOfAny(['+', '#']) >= 0))
            {
                r.AddError("--republish: a topic prefix without wildcards, e.g. site/edge");
            }
        });
        Root = new RootCommand(Description)
        {
            _site, _gatewayId, _flows, _db, _retention, _broker, _mqttPort, _mqttBind, _httpPort, _webhook, _republish, _nodeCapacity, _maxNodes, _plausibilityWindow,
            _balancer, _learnEvery, _store, _election, _logLevel, _anonymous, _tlsCert, _tlsKey, _tlsPort, _plainMqtt, _tlsCa, _demo,
        };
        _anonymous.AcceptOnlyFromAmong("auto", "deny", "allow");
        _plainMqtt.AcceptOnlyFromAmong(GatewayHostOptions.PlainLoopback, GatewayHostOptions.PlainBind, GatewayHostOptions.PlainOff);
        Root.Subcommands.Add(NodesCommand.Create());
        Root.Subcommands.Add(CertsCommand.Create());
        Root.Validators.Add(ValidateTls);

        // With a subcommand beside it, the root needs an action of its own to be a command without one; Program.cs sets the real one.
        Root.SetAction(_ => 0);
        Root.Validators.Add(r =>
        {
            if (r.GetValue(_demo) && r.GetValue(_broker) is not null)
            {
                r.AddError("--demo runs its boards against the embedded broker; leave out --broker");
            }

            // GetResult, not GetValue: a value that failed its own check must not throw here (its error is already added).
            if (r.GetValue(_demo) && (r.GetResult(_store) is not null || r.GetResult(_election) is not null))
            {
                r.AddError("--demo runs one gateway; leave out --store and --election");
            }

            // An election between gateways that do not share the data or the broker would split the site.
            if (r.GetResult(_election) is not null && r.GetResult(_store) is null)
            {
                r.AddError("--election needs a store all gateways share: add --store postgres://user:password@host:port/database");
            }

            if (r.GetResult(_election) is not null && r.GetResult(_broker) is null)
            {
                r.AddError("--election needs a broker all gateways share: add --broker mqtt://host:port");
            }
        });
    }

    /// <summary>TLS options: one line per mistake, before anything listens.</summary>
    private void ValidateTls(CommandResult r)
    {
        string? cert = r.GetValue(_tlsCert);
        string? key = r.GetValue(_tlsKey);
        if ((cert is null) != (key is null))
        {
            r.AddError("--tls-cert and --tls-key go together: the server certificate and its private key (PEM; `certs server` makes both)");
        }
        else if (cert is not null && key is not null && CertificateError(cert, key) is { } error)
        {
            r.AddError(error);
        }

        bool given(Option option) => r.GetResult(option) is { Implicit: false };
        if (given(_plainMqtt) && cert is null)
        {
            r.AddError("--plain-mqtt applies with --tls-cert; without TLS the broker listens plain on --mqtt-bind");
        }

        if (cert is not null && r.GetValue(_plainMqtt) == GatewayHostOptions.PlainOff && r.GetValue(_demo))
        {
            r.AddError("--demo runs its boards over the plain loopback listener; leave out --plain-mqtt off");
        }

        // Read from the tokens: here an option left at its default reads 0, and one that failed its own check throws.
        int? tlsPort = PortGiven(r.GetResult(_tlsPort), BrokerEndpoint.DefaultTlsPort);
        int? mqttPort = PortGiven(r.GetResult(_mqttPort), GatewayHostOptions.DefaultMqttPort);
        if (cert is not null && r.GetValue(_plainMqtt) != GatewayHostOptions.PlainOff && tlsPort is not null && tlsPort == mqttPort)
        {
            r.AddError("--tls-port " + tlsPort.Value.ToString(CultureInfo.InvariantCulture) + " is also --mqtt-port: give the TLS listener its own port");
        }

        string? ca = r.GetValue(_tlsCa);
        if (ca is not null)
        {
            // From the token: a --broker that failed its own check must not throw here (its error is already added).
            string? broker = r.GetResult(_broker)?.Tokens.FirstOrDefault()?.Value;
            if (broker is null || !broker.StartsWith("mqtts://", StringComparison.OrdinalIgnoreCase))
            {
                r.AddError("--tls-ca is the CA an external broker's certificate must chain to: use it with --broker mqtts://host:8883");
            }
            else if (CaError(ca) is { } error)
            {
                r.AddError(error);
            }
        }
    }

    /// <summary>The port given on the command line, <paramref name="fallback"/> when none was, null when it is not a number.</summary>
    private static int? PortGiven(OptionResult? result, int fallback) =>
        result is null || result.Implicit || result.Tokens.Count == 0 ? fallback
        : int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) ? port : null;

    /// <summary>Null when the two PEM files load as a certificate with its private key.</summary>
    private static string? CertificateError(string cert, string key)
    {
        try
        {
            using X509Certificate2 certificate = LabCertificates.Load(cert, key);
            return certificate.HasPrivateKey ? null : "--tls-key " + key + ": not the private key of --tls-cert " + cert;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return "--tls-cert " + cert + " / --tls-key " + key + ": cannot load the certificate and its key (" + FirstLine(e.Message) + ")";
        }
    }

    private static string? CaError(string path)
    {
        try
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(path);
            return trusted.Count > 0 ? null : "--tls-ca " + path + ": no PEM certificate in it";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return "--tls-ca " + path + ": cannot read a PEM certificate (" + FirstLine(e.Message) + ")";
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    /// <summary>Shown by --help above the options.</summary>
    public static string Description => """
        Edge gateway: embedded MQTT broker (or --broker), exactly-once ingest into SQLite, rollups, flow balancing,
        failover, dashboard on http://127.0.0.1:{http-port}/.

        Examples:
          edge-gateway --demo                                 simulated boards, dashboard on http://127.0.0.1:8080/
          edge-gateway --site lab --flows 0-7                 a lab's gateway, embedded broker on 127.0.0.1:1883
          edge-gateway --mqtt-bind 0.0.0.0 --flows "0-3,9:1:pi-01"   boards on the LAN; flow 9 only from pi-01
          edge-gateway --broker mqtt://10.0.0.5:1883 --db /var/lib/edge/gateway.db
          edge-gateway --broker mqtt://10.0.0.5:1883 --store postgres://edge:secret@10.0.0.6:5432/edge \
                       --election etcd://10.0.0.7:2379 --gateway-id gw-a      HA: the same on each gateway machine, its own id
          edge-gateway nodes add pi-01 --brokers 10.0.0.5:1883   a board's credential and its config snippets
          edge-gateway certs ca --out /etc/edge/tls && edge-gateway certs server --dir /etc/edge/tls --host gw.lab,10.0.0.5
          edge-gateway --mqtt-bind 0.0.0.0 --tls-cert /etc/edge/tls/server.crt --tls-key /etc/edge/tls/server.key
                       boards over TLS on 8883 (plain 1883 on loopback only), dashboard on https://127.0.0.1:8080/
        (from a clone: dotnet run --project gateway/Edge.Gateway -- <options>)
        """;

    public RootCommand Root { get; }

    /// <summary>The options the command line describes; call only on a result without errors.</summary>
    public GatewayHostOptions Bind(ParseResult parse)
    {
        bool demo = parse.GetValue(_demo);
        bool Given(Option option) => parse.GetResult(option) is { Implicit: false };
        BrokerEndpoint? external = parse.GetValue(_broker);
        IPAddress bind = parse.GetValue(_mqttBind)!;
        var gateway = new GatewayOptions
        {
            Site = demo && !Given(_site) ? DemoMode.Site : parse.GetValue(_site)!,
            GatewayId = parse.GetValue(_gatewayId)!,
            Flows = demo && !Given(_flows) ? DemoMode.Flows : parse.GetValue(_flows)!,
            Store = new StoreOptions
            {
                DatabasePath = demo && !Given(_db) ? DemoMode.DatabasePath() : parse.GetValue(_db)!,
                Retention = TimeSpan.FromHours(parse.GetValue(_retention)),
            },
            Sinks = new SinkOptions { WebhookUrl = parse.GetValue(_webhook), RepublishPrefix = parse.GetValue(_republish) },
            Supervisor = Defaults.Supervisor with
            {
                NodeCapacity = parse.GetValue(_nodeCapacity),
                Balancer = parse.GetValue(_balancer)!,
                MaxNodes = parse.GetValue(_maxNodes),
                Plausibility = Defaults.Supervisor.Plausibility with { Window = TimeSpan.FromSeconds(parse.GetValue(_plausibilityWindow)) },
            },
        };
        if (demo)
        {
            gateway.Supervisor = DemoMode.Supervisor(gateway.Supervisor, nodeCapacityGiven: Given(_nodeCapacity));
        }

        if (parse.GetValue(_learnEvery) is double seconds)
        {
            gateway.Learning = gateway.Learning with { Enabled = true, TrainEvery = TimeSpan.FromSeconds(seconds) };
        }
        else if (demo)
        {
            gateway.Learning = gateway.Learning with { Enabled = true, TrainEvery = DemoMode.LearnEvery };
        }

        string? tlsCert = parse.GetValue(_tlsCert);
        X509Certificate2? certificate = tlsCert is null ? null : LabCertificates.Load(tlsCert, parse.GetValue(_tlsKey)!);
        string plain = certificate is null ? GatewayHostOptions.PlainBind : parse.GetValue(_plainMqtt)!;
        IPAddress? plainAddress = plain switch
        {
            GatewayHostOptions.PlainBind => bind,
            GatewayHostOptions.PlainLoopback => bind.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback,
            _ => null,
        };
        int tlsPort = parse.GetValue(_tlsPort);
        BrokerEndpoint embedded = plainAddress is not null
            ? new BrokerEndpoint(LocalAddressOf(plainAddress).ToString(), parse.GetValue(_mqttPort), Embedded: true)
            : new BrokerEndpoint(LocalAddressOf(bind).ToString(), tlsPort, Embedded: true) { Tls = true };
        return new GatewayHostOptions
        {
            Broker = external is null ? embedded : external with { CaFile = parse.GetValue(_tlsCa) },
            MqttBind = bind.ToString(),
            PlainMqttAddress = plainAddress,
            PlainMqttOff = plainAddress is null,
            ServerCertificate = certificate,
            TlsPort = tlsPort,
            HttpPort = parse.GetValue(_httpPort),
            LogLevel = parse.GetValue(_logLevel),
            Demo = demo,
            AllowAnonymous = parse.GetValue(_anonymous) switch { "allow" => true, "deny" => false, _ => null },
            Gateway = gateway,
            HighAvailability = new HighAvailability(parse.GetValue(_store), parse.GetValue(_election)),
        };
    }

    /// <summary>For tests and hosts that build the app from arguments: throws with the parse errors, one per line.</summary>
    public static GatewayHostOptions Parse(string[] args)
    {
        var commandLine = new GatewayCommandLine();
        ParseResult parse = commandLine.Root.Parse(args);
        return parse.Errors.Count == 0
            ? commandLine.Bind(parse)
            : throw new ArgumentException(string.Join(Environment.NewLine, parse.Errors.Select(e => e.Message)), nameof(args));
    }

    /// <summary>Where the gateway's own clients (and the demo's boards) reach a broker bound to <paramref name="bind"/>.</summary>
    private static IPAddress LocalAddressOf(IPAddress bind) =>
        bind.Equals(IPAddress.Any) ? IPAddress.Loopback : bind.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : bind;

    private static Option<string> IdOption(string name, string description, string fallback)
    {
        var option = new Option<string>(name) { Description = description, HelpName = "id", DefaultValueFactory = _ => fallback };
        option.Validators.Add(r =>
        {
            if (!Fields.IsValidId(r.GetValue(option)))
            {
                r.AddError(name + ": 1 to " + Fields.MaxIdLength.ToString(CultureInfo.InvariantCulture) + " characters of A-Z a-z 0-9 _ . - (it becomes an MQTT topic level)");
            }
        });
        return option;
    }

    private static Option<int> PortOption(string name, string description, int fallback) => new(name)
    {
        Description = description,
        HelpName = "port",
        DefaultValueFactory = _ => fallback,
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is >= 1 and <= 65535)
            {
                return port;
            }

            r.AddError(name + " \"" + text + "\": a TCP port, 1 to 65535");
            return fallback;
        },
    };

    private static Option<double> PositiveOption(string name, string description, string helpName, double fallback) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => fallback,
        CustomParser = r =>
        {
            string text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && !double.IsInfinity(value))
            {
                return value;
            }

            r.AddError(name + " \"" + text + "\": a number above 0");
            return fallback;
        },
    };

    /// <summary>The option's text when <paramref name="check"/> accepts it; else one error naming the option.</summary>
    private static string? Checked(ArgumentResult result, string name, string expected, Action<string> check)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        try
        {
            check(text);
            return text;
        }
        catch (Exception e) when (e is FormatException or UriFormatException or ArgumentException)
        {
            // The URI may carry a password: the message names the option and the form, not the value.
            result.AddError(name + ": " + expected);
            return null;
        }
    }

    private static FlowCatalog ParseFlows(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        try
        {
            FlowCatalog catalog = FlowCatalog.Parse(text);
            if (catalog.All.Count == 0)
            {
                result.AddError("--flows: no flow in \"" + text + "\"");
            }

            return catalog;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            result.AddError("--flows \"" + text + "\": " + e.Message + " (expected id[:weight[:node+node]] items, e.g. 0-7 or 0-3,9:2.5:pi-01)");
            return Defaults.Flows;
        }
    }

    private static BrokerEndpoint? ParseBroker(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        try
        {
            return BrokerEndpoint.External(text);
        }
        catch (Exception e) when (e is FormatException or UriFormatException)
        {
            result.AddError("--broker \"" + text + "\": expected mqtt://host:port or mqtts://host:port");
            return null;
        }
    }

    private static IPAddress ParseAddress(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        if (IPAddress.TryParse(text, out IPAddress? address))
        {
            return address;
        }

        result.AddError("--mqtt-bind \"" + text + "\": expected an IP address, e.g. 127.0.0.1 or 0.0.0.0");
        return IPAddress.Loopback;
    }

    private static Uri? ParseWebhook(ArgumentResult result)
    {
        string text = result.Tokens[0].Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError("--webhook \"" + text + "\": expected an http:// or https:// URL");
        return null;
    }
}
