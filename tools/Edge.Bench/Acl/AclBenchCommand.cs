using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Edge.Bench.Harness;
using Edge.Gateway.Mqtt;
using Edge.Gateway.Mqtt.Security;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Bench.Acl;

/// <summary>
/// <c>bench acl</c>: what identity and topic-ACL checks cost the embedded broker. The same broker, publisher and
/// subscriber on loopback, once without the authorizer and once with it (the publisher logged in as a node, its
/// rate limit raised out of the way so only the checks are measured), rounds alternating; throughput as a ratio.
/// </summary>
internal static class AclBenchCommand
{
    public static Command Create()
    {
        var messages = new Option<int>("--messages") { Description = "QoS 1 publishes per round.", DefaultValueFactory = _ => 20_000 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds per mode (alternating off/on).", DefaultValueFactory = _ => 5 };
        var output = new Option<string?>("--out") { Description = "Write the JSON report to this file." };
        var command = new Command("acl", "Embedded broker throughput with identity and topic-ACL checks on vs off (same process, alternating rounds).")
        {
            messages, rounds, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(messages);
            var off = new List<double>();
            var on = new List<double>();

            // One discarded round of each: JIT and the first sockets would otherwise count against whichever runs first.
            await RoundAsync(n / 4, secured: false).ConfigureAwait(false);
            await RoundAsync(n / 4, secured: true).ConfigureAwait(false);
            for (int r = 0; r < parse.GetValue(rounds); r++)
            {
                off.Add(await RoundAsync(n, secured: false).ConfigureAwait(false));
                on.Add(await RoundAsync(n, secured: true).ConfigureAwait(false));
            }

            double medianOff = Median(off);
            double medianOn = Median(on);
            Console.WriteLine(FormattableString.Invariant($"ACL bench: {n} QoS 1 publishes of 200 B per round, {off.Count} rounds per mode, median msgs/s"));
            Console.WriteLine(FormattableString.Invariant($"{"mode",-8} {"msgs/s",10}  rounds"));
            Console.WriteLine(FormattableString.Invariant($"{"off",-8} {medianOff,10:F0}  {string.Join(" ", off.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}"));
            Console.WriteLine(FormattableString.Invariant($"{"on",-8} {medianOn,10:F0}  {string.Join(" ", on.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)))}"));
            Console.WriteLine(FormattableString.Invariant($"on/off = {medianOn / medianOff:F2}"));
            if (parse.GetValue(output) is { Length: > 0 } file)
            {
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { messages = n, off, on, medianOff, medianOn, ratio = medianOn / medianOff }), cancellationToken).ConfigureAwait(false);
                Console.WriteLine("JSON report: " + Path.GetFullPath(file));
            }

            return 0;
        });
        return command;
    }

    private static async Task<double> RoundAsync(int messages, bool secured)
    {
        int port = Ports.Free();
        var credentials = new NodeCredentials();
        string nodePassword = credentials.Add("bench-node", Role.Node);
        string gatewayPassword = credentials.Add("bench-in", Role.Gateway);
        BrokerAuthorizer? authorizer = secured
            ? new BrokerAuthorizer(new BrokerSecurity(credentials, new TopicAcl("lab"), AllowAnonymous: false) { MaxPublishPerSecond = 1e9, PublishBurst = 1e9 })
            : null;
        await using var broker = new EmbeddedBroker(IPAddress.Loopback, port, authorizer: authorizer);
        await broker.StartAsync().ConfigureAwait(false);
        using IMqttClient subscriber = new MqttClientFactory().CreateMqttClient();
        using IMqttClient publisher = new MqttClientFactory().CreateMqttClient();
        int received = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            if (Interlocked.Increment(ref received) == messages)
            {
                all.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(Options(port, "bench-in", secured ? gatewayPassword : null)).ConfigureAwait(false);
        await subscriber.SubscribeAsync("edge/v1/lab/node/+/+", MqttQualityOfServiceLevel.AtLeastOnce).ConfigureAwait(false);
        await publisher.ConnectAsync(Options(port, "bench-node", secured ? nodePassword : null)).ConfigureAwait(false);
        byte[] payload = new byte[200];
        var start = Stopwatch.StartNew();
        var window = new List<Task>(100);
        for (int i = 0; i < messages; i++)
        {
            window.Add(publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("edge/v1/lab/node/bench-node/data").WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build()));
            if (window.Count == 100)
            {
                await Task.WhenAll(window).ConfigureAwait(false);
                window.Clear();
            }
        }

        await Task.WhenAll(window).ConfigureAwait(false);
        await all.Task.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        return messages / start.Elapsed.TotalSeconds;
    }

    private static MqttClientOptions Options(int port, string id, string? password)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(id).WithCleanSession();
        return (password is null ? builder : builder.WithCredentials(id, password)).Build();
    }

    private static double Median(List<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }
}
