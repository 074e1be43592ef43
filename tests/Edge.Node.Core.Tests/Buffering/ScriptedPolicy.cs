using Edge.Node.Core.Buffering;

namespace Edge.Node.Core.Tests.Buffering;

/// <summary>A policy that wants whatever the test says, step by step (the last value repeats).</summary>
internal sealed class ScriptedPolicy(params int[] wants) : ICapacityPolicy
{
    private int _step;

    public string Name => "scripted";

    public int DesiredBlocks(PredictiveBuffer buffer) => wants[Math.Min(_step++, wants.Length - 1)];
}
