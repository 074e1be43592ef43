namespace Edge.Node.Core.Prediction
{
    /// <summary>
    /// A predictor whose parameters are trained elsewhere (on the gateway) and delivered in a config message as a flat
    /// list of numbers. Flat doubles because that is what the config codec carries and nanoFramework has no generics.
    /// </summary>
    public interface ILoadableModel
    {
        /// <summary>How many weights the model expects.</summary>
        int WeightCount { get; }

        bool HasWeights { get; }

        /// <summary>Copies weights in; false (old weights kept) when the count is wrong or a weight is not finite.</summary>
        bool LoadWeights(double[] weights, int offset, int count);
    }
}
