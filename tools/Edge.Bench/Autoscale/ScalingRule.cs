namespace Edge.Bench.Autoscale;

/// <summary>One way to decide the node count at the end of a step from what is known then.</summary>
internal interface IScalingRule
{
    string Name { get; }

    /// <summary>Nodes wanted, decided at the end of step <paramref name="step"/> after its load was seen.</summary>
    int Decide(int step, double load);
}
