using Edge.Node.Core.Prediction;

namespace Edge.Gateway.Core.Learning;

/// <summary>
/// A trained peak model: what <see cref="LearnedPeakPredictor"/> loads. Hidden 0 is linear; otherwise one ReLU
/// layer. Tau is the quantile it was fitted for.
/// </summary>
internal sealed record PeakModel(int Period, int Hidden, double Tau, double[] Parameters)
{
    public string Kind => Hidden == 0 ? "peak-linear" : "peak-mlp" + Hidden;

    /// <summary>The flat weights the node loads: [period, hidden, parameters...].</summary>
    public double[] ToWeights() => [Period, Hidden, .. Parameters];

    /// <summary>A node-side predictor carrying these weights.</summary>
    public LearnedPeakPredictor CreatePredictor()
    {
        var predictor = new LearnedPeakPredictor();
        double[] weights = ToWeights();
        if (!predictor.LoadWeights(weights, 0, weights.Length))
        {
            throw new InvalidOperationException("The node refuses these weights.");
        }

        return predictor;
    }

    /// <summary>The model's output for one row of inputs, in levels (the same arithmetic as the node's).</summary>
    public double Evaluate(ReadOnlySpan<double> inputs)
    {
        int n = PeakFeatures.Count;
        if (Hidden == 0)
        {
            double linear = 0;
            for (int j = 0; j < n; j++)
            {
                linear += Parameters[j] * inputs[j];
            }

            return linear;
        }

        int outputs = Hidden * n;
        double output = Parameters[outputs + Hidden];
        for (int k = 0; k < Hidden; k++)
        {
            double z = 0;
            for (int j = 0; j < n; j++)
            {
                z += Parameters[(k * n) + j] * inputs[j];
            }

            if (z > 0)
            {
                output += Parameters[outputs + k] * z;
            }
        }

        return output;
    }
}
