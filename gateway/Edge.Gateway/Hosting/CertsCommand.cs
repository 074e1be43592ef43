using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Edge.Gateway.Mqtt.Tls;
using Edge.Protocol;

namespace Edge.Gateway.Hosting;

/// <summary>
/// `certs ca|server|node`: a lab CA and the certificates it signs (Tls/LabCertificates.cs), as PEM files in one
/// folder: ca.crt for every board, server.crt/server.key for the gateway (--tls-cert/--tls-key) or Mosquitto, and
/// optionally {node}.crt/{node}.key for a board. docs/SECURITY.md gives the same steps with openssl.
/// </summary>
internal static class CertsCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "Folder for ca.crt and ca.key (created if missing).", HelpName = "folder", Required = true };
        var name = new Option<string>("--name") { Description = "The CA's common name.", DefaultValueFactory = _ => "Edge lab CA" };
        var ca = new Command("ca", "Make a lab CA: ca.crt (give it to every board) and ca.key (owner-only; keep it off the boards).") { outDir, name };
        ca.SetAction(parse => Ca(parse.GetValue(outDir)!, parse.GetValue(name)!));

        var dir = new Option<string>("--dir") { Description = "The CA's folder (ca.crt, ca.key); the new files go there too.", HelpName = "folder", Required = true };
        var hosts = new Option<string>("--host")
        {
            Description = "DNS names and IP addresses boards dial, comma-separated (localhost, 127.0.0.1 and ::1 are always added).",
            HelpName = "name,ip,...",
            Required = true,
        };
        var server = new Command("server", "Sign server.crt and server.key (owner-only) for the gateway (--tls-cert/--tls-key) or Mosquitto.") { dir, hosts };
        server.SetAction(parse => Server(parse.GetValue(dir)!, parse.GetValue(hosts)!));

        var id = new Argument<string>("id") { Description = "The node id: the certificate's common name." };
        id.Validators.Add(r =>
        {
            if (!Fields.IsValidId(r.GetValue(id)))
            {
                r.AddError("id \"" + r.GetValue(id) + "\": 1 to 64 characters of A-Z a-z 0-9 _ . -");
            }
        });
        var nodeDir = new Option<string>("--dir") { Description = "The CA's folder; {id}.crt and {id}.key go there.", HelpName = "folder", Required = true };
        var node = new Command("node", "Sign a client certificate {id}.crt/{id}.key for a board (for brokers that require one; the embedded broker checks passwords).") { id, nodeDir };
        node.SetAction(parse => Node(parse.GetValue(id)!, parse.GetValue(nodeDir)!));

        return new Command("certs", "Make a lab CA and the TLS certificates it signs (PEM; keys owner-only).") { ca, server, node };
    }

    private static int Ca(string folder, string commonName)
    {
        Directory.CreateDirectory(folder);
        string key = Path.Combine(folder, LabCertificates.CaKey);
        if (File.Exists(key))
        {
            // A new CA would orphan every certificate the old one signed, and every board trusting it.
            return Fail(key + " already exists: remove it first to make a new CA (boards then need the new ca.crt)");
        }

        using X509Certificate2 certificate = LabCertificates.CreateCa(commonName, DateTimeOffset.UtcNow);
        string crt = Path.Combine(folder, LabCertificates.CaCertificate);
        LabCertificates.Save(certificate, crt, key);
        Console.WriteLine("wrote " + crt + " (for every board and client) and " + key + " (owner-only; only `certs server`/`certs node` need it)");
        Console.WriteLine("next: edge-gateway certs server --dir " + folder + " --host <the gateway's LAN name or address>");
        return 0;
    }

    private static int Server(string folder, string hostList)
    {
        if (LoadCa(folder, out X509Certificate2? ca) is { } error)
        {
            return Fail(error);
        }

        using (ca)
        {
            X509Certificate2 certificate;
            try
            {
                certificate = LabCertificates.CreateServer(ca!, hostList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), DateTimeOffset.UtcNow);
            }
            catch (ArgumentException e)
            {
                return Fail("--host: " + e.Message.Split(" (Parameter", 2)[0]);
            }

            using (certificate)
            {
                string crt = Path.Combine(folder, LabCertificates.ServerCertificate);
                string key = Path.Combine(folder, LabCertificates.ServerKey);
                LabCertificates.Save(certificate, crt, key);
                Console.WriteLine("wrote " + crt + " and " + key + " (owner-only) for " + string.Join(", ", Names(certificate)));
                Console.WriteLine("gateway: --tls-cert " + crt + " --tls-key " + key + "   (MQTT over TLS on 8883, HTTPS on --http-port)");
                Console.WriteLine("mosquitto: edge-gateway nodes mosquitto --out <folder> --tls-dir " + folder);
                Console.WriteLine("boards: copy " + Path.Combine(folder, LabCertificates.CaCertificate) + " (Pi: \"caFile\" in node.json; ESP32: ca.crt next to edge.json) and dial port 8883");
            }
        }

        return 0;
    }

    private static int Node(string id, string folder)
    {
        if (LoadCa(folder, out X509Certificate2? ca) is { } error)
        {
            return Fail(error);
        }

        using (ca)
        using (X509Certificate2 certificate = LabCertificates.CreateClient(ca!, id, DateTimeOffset.UtcNow))
        {
            string crt = Path.Combine(folder, id + ".crt");
            string key = Path.Combine(folder, id + ".key");
            LabCertificates.Save(certificate, crt, key);
            Console.WriteLine("wrote " + crt + " and " + key + " (owner-only) for node " + id);
        }

        return 0;
    }

    private static string? LoadCa(string folder, out X509Certificate2? ca)
    {
        ca = null;
        string crt = Path.Combine(folder, LabCertificates.CaCertificate);
        string key = Path.Combine(folder, LabCertificates.CaKey);
        try
        {
            ca = LabCertificates.Load(crt, key);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return "--dir " + folder + ": cannot load " + LabCertificates.CaCertificate + " and " + LabCertificates.CaKey + " (" + e.Message + "); make them with `certs ca --out " + folder + "`";
        }
    }

    private static IEnumerable<string> Names(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().SelectMany(san =>
            san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(a => a.ToString())));

    private static int Fail(string reason)
    {
        Console.Error.WriteLine("edge-gateway: " + reason);
        return 1;
    }
}
