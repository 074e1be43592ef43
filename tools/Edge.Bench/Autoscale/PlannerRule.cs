using Edge.Gateway.Core.Fleet;
using Edge.Node.Core.Agent;
using Edge.Node.Core.Prediction;

namespace Edge.Bench.Autoscale;

/// <summary>
/// The gateway's planner as it runs: the fleet's forecast load is the sum, over flows, of each flow's predictor's
/// upper bound over the planner's lead (the steps a new node takes to start, plus one), never below the load now;
/// <see cref="AutoscalePlanner"/> turns it into a node count with its headroom and scale-in hysteresis.
/// </summary>
internal sealed class PlannerRule : IScalingRule
{
    private readonly AutoscalePlanner _planner;
    private readonly IPredictor[] _predictors;
    private readonly int[][] _flows;
    private readonly int _lead;

    public PlannerRule(string predictor, int[][] flows, AutoscaleOptions options, double nodeCapacity, int lead, string? label = null)
    {
        _planner = new AutoscalePlanner(options, nodeCapacity);
        _predictors = flows.Select(_ => PredictorCatalog.Create(predictor)).ToArray();
        _flows = flows;
        _lead = lead;
        Name = label ?? "planner-" + predictor;
    }

    public string Name { get; }

    public int Decide(int step, double load)
    {
        double forecast = 0;
        for (int i = 0; i < _flows.Length; i++)
        {
            _predictors[i].Update(_flows[i][step]);
            double peak = 0;
            for (int h = 1; h <= _lead; h++)
            {
                peak = Math.Max(peak, _predictors[i].UpperBound(h));
            }

            forecast += peak;
        }

        return _planner.Evaluate(Math.Max(load, forecast), AutoscaleBench.StepMs * step);
    }
}
