using Edge.Node.Core.Prediction;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Edge.Gateway.Core.Learning;

/// <summary>
/// Fits the peak model by minimising the smoothed pinball loss with Math.NET's limited-memory BFGS; the gradient
/// (back-propagation through one ReLU layer) is computed here, the optimisation is the library's.
/// </summary>
internal static class PeakModelTrainer
{
    public static PeakModel Fit(PeakDataset data, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        if (data.Rows == 0)
        {
            throw new ArgumentException("No rows to train on.", nameof(data));
        }

        int count = options.Hidden == 0 ? PeakFeatures.Count : (options.Hidden * (PeakFeatures.Count + 1)) + 1;
        double[] start = Initial(options, count);
        double bestLoss = double.MaxValue;
        double[] best = start;
        var objective = ObjectiveFunction.Gradient(parameters =>
        {
            double[] p = parameters.ToArray();
            (double loss, double[] gradient) = LossAndGradient(data, options, p);
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = p;
            }

            return (loss, Vector<double>.Build.DenseOfArray(gradient));
        });

        var minimizer = new LimitedMemoryBfgsMinimizer(1e-7, 1e-9, 1e-10, 7, options.MaxIterations);
        try
        {
            best = minimizer.FindMinimum(objective, Vector<double>.Build.DenseOfArray(start)).MinimizingPoint.ToArray();
        }
        catch (MaximumIterationsException)
        {
            // Out of iterations: the lowest point seen is kept.
        }
        catch (ArithmeticException)
        {
            // A line search that failed to progress: the lowest point seen is kept (the library signals both this way).
        }

        return new PeakModel(options.Period, options.Hidden, options.Tau, best);
    }

    /// <summary>Mean smoothed pinball loss plus weight decay, and its gradient, over every row (rows split over cores).</summary>
    public static (double Loss, double[] Gradient) LossAndGradient(PeakDataset data, TrainerOptions options, double[] p)
    {
        int n = PeakFeatures.Count;
        int hidden = options.Hidden;
        int chunks = Math.Max(1, Math.Min(Environment.ProcessorCount, data.Rows / 4096));
        var partial = new (double Loss, double[] Gradient)[chunks];
        Parallel.For(0, chunks, c =>
        {
            var gradient = new double[p.Length];
            var z = new double[Math.Max(1, hidden)];
            double loss = 0;
            int from = (int)((long)data.Rows * c / chunks);
            int to = (int)((long)data.Rows * (c + 1) / chunks);
            for (int r = from; r < to; r++)
            {
                ReadOnlySpan<double> x = data.Inputs.AsSpan(r * n, n);
                double output;
                int outputs = hidden * n;
                if (hidden == 0)
                {
                    output = 0;
                    for (int j = 0; j < n; j++)
                    {
                        output += p[j] * x[j];
                    }
                }
                else
                {
                    output = p[outputs + hidden];
                    for (int k = 0; k < hidden; k++)
                    {
                        double s = 0;
                        for (int j = 0; j < n; j++)
                        {
                            s += p[(k * n) + j] * x[j];
                        }

                        z[k] = s;
                        if (s > 0)
                        {
                            output += p[outputs + k] * s;
                        }
                    }
                }

                (double l, double slope) = PinballLoss.Smoothed(data.Targets[r], output, options.Tau, options.Smoothing);
                loss += l;
                if (hidden == 0)
                {
                    for (int j = 0; j < n; j++)
                    {
                        gradient[j] += slope * x[j];
                    }

                    continue;
                }

                gradient[outputs + hidden] += slope;
                for (int k = 0; k < hidden; k++)
                {
                    if (z[k] <= 0)
                    {
                        continue;
                    }

                    gradient[outputs + k] += slope * z[k];
                    double back = slope * p[outputs + k];
                    for (int j = 0; j < n; j++)
                    {
                        gradient[(k * n) + j] += back * x[j];
                    }
                }
            }

            partial[c] = (loss, gradient);
        });

        double total = 0;
        var sum = new double[p.Length];
        foreach ((double loss, double[] gradient) in partial)
        {
            total += loss;
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += gradient[i];
            }
        }

        total /= data.Rows;
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] = (sum[i] / data.Rows) + (2 * options.L2 * p[i]);
            total += options.L2 * p[i] * p[i];
        }

        return (total, sum);
    }

    /// <summary>
    /// Linear: the quantile equals the last arrivals (weight 1 on lag 0). Network: small random input weights with
    /// positive biases so units start active, positive output weights, output bias 1 level.
    /// </summary>
    private static double[] Initial(TrainerOptions options, int count)
    {
        int n = PeakFeatures.Count;
        var p = new double[count];
        if (options.Hidden == 0)
        {
            p[1] = 1;
            return p;
        }

        var random = new Random(options.Seed);
        for (int k = 0; k < options.Hidden; k++)
        {
            for (int j = 0; j < n; j++)
            {
                p[(k * n) + j] = (random.NextDouble() - 0.5) * 2 / Math.Sqrt(n);
            }

            p[k * n] = 0.1;
            p[(options.Hidden * n) + k] = random.NextDouble() / options.Hidden;
        }

        p[count - 1] = 1;
        return p;
    }
}
