using System.CommandLine;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Edge.Gateway.Core.Hosting;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Mqtt.Security;
using Edge.Gateway.Mqtt.Tls;
using Edge.Protocol;

namespace Edge.Gateway.Hosting;

/// <summary>
/// `nodes add|remove|list` provisions broker identities in the credentials file next to the database, and
/// `nodes mosquitto` writes the same identities and ACL as Mosquitto's password_file, acl_file and a conf.
/// A running gateway reads the credentials file again when an unknown username connects.
/// </summary>
internal static class NodesCommand
{
    private static readonly GatewayOptions Defaults = new();
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The gateway's SQLite file: the credentials live next to it.", HelpName = "path", DefaultValueFactory = _ => Defaults.Store.DatabasePath };
        var site = new Option<string>("--site") { Description = "Site id for the config snippets and the ACL.", HelpName = "id", DefaultValueFactory = _ => Defaults.Site };
        var brokers = new Option<string?>("--brokers") { Description = "host:port[,host:port] the board connects to (default: this machine's LAN address, port 1883).", HelpName = "list" };
        var role = new Option<string>("--role") { Description = "node (a board) or dashboard (read-only).", DefaultValueFactory = _ => "node" };
        role.AcceptOnlyFromAmong("node", "dashboard");
        var id = new Argument<string>("id") { Description = "The node id (also its MQTT username and client id)." };
        id.Validators.Add(r =>
        {
            if (!Fields.IsValidId(r.GetValue(id)))
            {
                r.AddError("id \"" + r.GetValue(id) + "\": 1 to 64 characters of A-Z a-z 0-9 _ . - (it becomes an MQTT topic level)");
            }
        });
        site.Validators.Add(r =>
        {
            if (!Fields.IsValidId(r.GetValue(site)))
            {
                r.AddError("--site: 1 to 64 characters of A-Z a-z 0-9 _ . -");
            }
        });

        var tls = new Option<bool>("--tls") { Description = "The board connects with TLS (port 8883, the lab CA from `certs ca`): the snippets say so." };
        var add = new Command("add", "Create (or replace) a credential and print the Raspberry Pi and ESP32 config snippets with it.") { id, db, site, brokers, role, tls };
        add.SetAction(parse => Add(parse.GetValue(id)!, parse.GetValue(db)!, parse.GetValue(site)!, parse.GetValue(brokers), parse.GetValue(role) == "dashboard" ? Role.Dashboard : Role.Node, parse.GetValue(tls)));

        var removeId = new Argument<string>("id") { Description = "The node or dashboard to remove." };
        var remove = new Command("remove", "Delete a credential: that board can no longer connect.") { removeId, db };
        remove.SetAction(parse => Remove(parse.GetValue(removeId)!, parse.GetValue(db)!));

        var list = new Command("list", "List the provisioned identities and their roles (never passwords).") { db };
        list.SetAction(parse =>
        {
            foreach (var (user, r, _) in NodeCredentials.Load(NodeCredentials.PathFor(parse.GetValue(db)!)).Entries)
            {
                Console.WriteLine(r.ToString().ToLowerInvariant() + " " + user);
            }

            return 0;
        });

        var outDir = new Option<string>("--out") { Description = "Folder for edge.passwd, edge.acl and mosquitto.conf.", HelpName = "folder", Required = true };
        var gatewayId = new Option<string>("--gateway-id") { Description = "The gateway's id (its clients log in as {id}-in, {id}-hb and {id}-out).", HelpName = "id", DefaultValueFactory = _ => Defaults.GatewayId };
        var port = new Option<int>("--port") { Description = "Port Mosquitto listens on.", DefaultValueFactory = _ => GatewayHostOptions.DefaultMqttPort };
        var bind = new Option<string>("--bind") { Description = "Address Mosquitto listens on.", DefaultValueFactory = _ => "0.0.0.0" };
        var tlsDir = new Option<string?>("--tls-dir")
        {
            Description = "Folder of `certs ca` and `certs server` (ca.crt, server.crt, server.key): Mosquitto listens with TLS on --tls-port and plain on 127.0.0.1 only.",
            HelpName = "folder",
        };
        var tlsPort = new Option<int>("--tls-port") { Description = "Port of Mosquitto's TLS listener.", DefaultValueFactory = _ => BrokerEndpoint.DefaultTlsPort };
        tlsDir.Validators.Add(r =>
        {
            if (r.GetValue(tlsDir) is { } folder && new[] { LabCertificates.CaCertificate, LabCertificates.ServerCertificate, LabCertificates.ServerKey }
                    .FirstOrDefault(f => !File.Exists(Path.Combine(folder, f))) is { } missing)
            {
                r.AddError("--tls-dir " + folder + ": no " + missing + " there (make it with `certs ca` and `certs server`)");
            }
        });
        var mosquitto = new Command("mosquitto", "Write Mosquitto's password_file, acl_file and a mosquitto.conf from the same credentials and ACL; run the gateway with --broker.")
        {
            outDir, db, site, gatewayId, port, bind, tlsDir, tlsPort,
        };
        mosquitto.SetAction(parse =>
        {
            string database = parse.GetValue(db)!;
            NodeCredentials credentials = NodeCredentials.Load(NodeCredentials.PathFor(database));
            GatewaySecret.Register(credentials, parse.GetValue(gatewayId)!, GatewaySecret.LoadOrCreate(GatewaySecret.PathFor(database)));
            MosquittoTls? tls = parse.GetValue(tlsDir) is { } folder
                ? new MosquittoTls(parse.GetValue(tlsPort), Path.Combine(folder, LabCertificates.CaCertificate), Path.Combine(folder, LabCertificates.ServerCertificate), Path.Combine(folder, LabCertificates.ServerKey))
                : null;
            string conf = MosquittoFiles.Write(parse.GetValue(outDir)!, credentials, new TopicAcl(parse.GetValue(site)!), parse.GetValue(bind)!, parse.GetValue(port), tls);
            Console.WriteLine("wrote " + conf + " (and " + MosquittoFiles.PasswordFile + ", " + MosquittoFiles.AclFile + " beside it): mosquitto -c " + conf);
            if (tls is not null)
            {
                Console.WriteLine("TLS on port " + tls.Port + " (give " + tls.KeyFile + " to the user Mosquitto runs as); gateway: --broker mqtts://<host>:" + tls.Port + " --tls-ca " + tls.CaFile);
            }
            return 0;
        });

        return new Command("nodes", "Provision broker credentials for boards and dashboards.") { add, remove, list, mosquitto };
    }

    private static int Add(string id, string database, string site, string? brokers, Role role, bool tls)
    {
        string path = NodeCredentials.PathFor(database);
        NodeCredentials credentials = NodeCredentials.Load(path);
        string password = credentials.Add(id, role);
        credentials.Save(path);
        int port = tls ? BrokerEndpoint.DefaultTlsPort : GatewayHostOptions.DefaultMqttPort;
        string[] brokerList = (brokers ?? LanAddress() + ":" + port).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var pi = new Dictionary<string, object> { ["site"] = site, ["node"] = id, ["brokers"] = brokerList, ["username"] = id, ["password"] = password };
        var esp32 = new Dictionary<string, object> { ["node"] = id, ["site"] = site, ["brokers"] = string.Join(",", brokerList), ["username"] = id, ["password"] = password };
        if (tls)
        {
            pi["caFile"] = "/etc/edge/ca.crt";
            esp32["tls"] = true;
        }

        Console.WriteLine("Added " + role.ToString().ToLowerInvariant() + " " + id + " to " + path + ". The password is shown only now.");
        Console.WriteLine();
        Console.WriteLine("Raspberry Pi (/etc/edge/node.json, members to set):");
        Console.WriteLine(JsonSerializer.Serialize(pi, Indented));
        Console.WriteLine();
        Console.WriteLine("ESP32 (edge.json on the board's flash, members to set):");
        Console.WriteLine(JsonSerializer.Serialize(esp32));
        if (tls)
        {
            Console.WriteLine("TLS: copy the lab CA's ca.crt to /etc/edge/ca.crt on the Pi, and next to edge.json (I:\\ca.crt) on the ESP32; the brokers' host names must be on the server certificate (`certs server --host`).");
        }

        Console.WriteLine();
        Console.WriteLine("Simulator (a line of the file Edge.Node.Sim run --credentials reads):");
        Console.WriteLine(id + " " + password);
        Console.WriteLine();
        Console.WriteLine("MQTT: username " + id + ", client id " + id + " (the broker refuses any other client id for this username).");
        return 0;
    }

    private static int Remove(string id, string database)
    {
        string path = NodeCredentials.PathFor(database);
        NodeCredentials credentials = NodeCredentials.Load(path);
        if (!credentials.Remove(id))
        {
            Console.Error.WriteLine("edge-gateway: no credential for \"" + id + "\" in " + path);
            return 1;
        }

        credentials.Save(path);
        Console.WriteLine("Removed " + id + " from " + path);
        return 0;
    }

    /// <summary>The first IPv4 address of an interface that is up and not loopback: where boards on the LAN reach this machine.</summary>
    private static string LanAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))?.ToString() ?? "192.0.2.10";
}
