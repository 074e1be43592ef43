namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// A per-step arrival forecaster. Callers only feed samples and read forecasts, so a model whose weights arrive
    /// later over MQTT config (see <see cref="ILoadableModel"/>) plugs in without changing them. Implementations
    /// preallocate everything in their constructor: Update and the forecasts allocate nothing.
    /// </summary>
    public interface IPredictor
    {
        string Name { get; }

        /// <summary>Longest horizon Forecast and UpperBound answer; longer horizons return the value at this one.</summary>
        int MaxHorizon { get; }

        /// <summary>Samples accepted since construction or Reset.</summary>
        int Samples { get; }

        /// <summary>True while the model sees a burst coming that its forecast may not yet show (a precursor).</summary>
        bool Alarm { get; }

        /// <summary>Feeds one step's arrivals; false (state unchanged) for NaN, infinite or negative input.</summary>
        bool Update(double arrivals);

        /// <summary>Expected arrivals in the step <paramref name="horizon"/> steps ahead (1 = next step).</summary>
        double Forecast(int horizon);

        /// <summary>A high quantile of the arrivals <paramref name="horizon"/> steps ahead, never below Forecast.</summary>
        double UpperBound(int horizon);

        void Reset();
    }
}
