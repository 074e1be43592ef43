namespace Edge.Node.Core.Prediction
{
    /// <summary>Input checks shared by the predictors; comparisons only, so no Double API is needed on the device.</summary>
    public static class ArrivalCheck
    {
        /// <summary>Larger than any real per-step count; anything above is treated like infinity.</summary>
        public const double MaxArrivals = 1e15;

        /// <summary>False for NaN (every comparison with NaN is false), infinities and negatives.</summary>
        public static bool IsValid(double arrivals)
        {
            return arrivals >= 0.0 && arrivals <= MaxArrivals;
        }

        public static bool IsFinite(double value)
        {
            return value >= -MaxArrivals && value <= MaxArrivals;
        }

        public static int ClampHorizon(int horizon, int maxHorizon)
        {
            if (horizon < 1)
            {
                return 1;
            }

            return horizon > maxHorizon ? maxHorizon : horizon;
        }
    }
}
