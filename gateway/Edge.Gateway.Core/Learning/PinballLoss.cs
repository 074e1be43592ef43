namespace Edge.Gateway.Core.Learning;

/// <summary>
/// The quantile (pinball) loss, smoothed near zero so a gradient optimiser can use it: for u = target - output,
/// weight tau above and 1 - tau below, quadratic within <c>smoothing</c> of zero and linear beyond. Its
/// minimiser is the tau-quantile, as for the plain pinball loss.
/// </summary>
internal static class PinballLoss
{
    /// <summary>Loss and its derivative with respect to the output.</summary>
    public static (double Loss, double Slope) Smoothed(double target, double output, double tau, double smoothing)
    {
        double u = target - output;
        double weight = u < 0 ? 1 - tau : tau;
        if (Math.Abs(u) <= smoothing)
        {
            return (weight * u * u / (2 * smoothing), -weight * u / smoothing);
        }

        return (weight * (Math.Abs(u) - (smoothing / 2)), -weight * Math.Sign(u));
    }

    /// <summary>The plain pinball loss, for scoring.</summary>
    public static double Plain(double target, double output, double tau)
    {
        double u = target - output;
        return u >= 0 ? tau * u : (tau - 1) * u;
    }
}
