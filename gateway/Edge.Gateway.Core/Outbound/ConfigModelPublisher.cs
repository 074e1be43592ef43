using Edge.Gateway.Core.Learning;
using Edge.Protocol;

namespace Edge.Gateway.Core.Outbound;

/// <summary>
/// Puts the learner's release into every node's retained config (docs/PROTOCOL.md 3.5), through the outbox: the
/// newest config per node supersedes an unsent older one. Nodes that join later get the live release on the next
/// <see cref="Sync"/>. A withdrawal sends config without weights, which returns nodes to their classical predictor.
/// </summary>
internal sealed class ConfigModelPublisher(Outbox outbox, string site) : IModelPublisher
{
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);
    private ModelRelease? _live;
    private bool _withdrawn;

    public void Publish(ModelRelease release)
    {
        _live = release;
        _withdrawn = false;
        _sent.Clear();
    }

    public void Withdraw()
    {
        _live = null;
        _withdrawn = true;
        _sent.Clear();
    }

    /// <summary>Sends the current config to every node in <paramref name="nodes"/> that has not had it yet.</summary>
    public void Sync(IEnumerable<string> nodes)
    {
        if (_live is null && !_withdrawn)
        {
            return;
        }

        foreach (string node in nodes)
        {
            if (_sent.Add(node))
            {
                outbox.Enqueue(OutboundMessage.Config(site, node, Config(_live)));
            }
        }
    }

    public static ConfigMessage Config(ModelRelease? release)
    {
        var config = new ConfigMessage();
        if (release is not null)
        {
            config.Model = release.Kind;
            config.ModelVersion = release.Version;
            byte[] bytes = ModelRelease.ToBytes(release.Weights);
            if (!config.SetWeights(bytes, bytes.Length))
            {
                throw new InvalidOperationException("Weights larger than the config may carry.");
            }
        }

        return config;
    }
}
