using Edge.Node.Core.Prediction;
using Edge.Protocol;

namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// The one registry of predictors, by the name each reports (<see cref="IPredictor.Name"/>) and retained config
    /// uses ("predictor": "holt"); unknown names get the baseline, so a typo in config never stops a node.
    /// </summary>
    public static class PredictorCatalog
    {
        /// <summary>Every predictor, the baseline (config's default) first; the benches compare exactly these.</summary>
        public static readonly string[] Names = new string[] { ConfigMessage.DefaultPredictor, "holt", "ar-rls", "precursor" };

        public static IPredictor Create(string name)
        {
            if (name == "holt")
            {
                return new HoltPredictor();
            }

            // "ar" and "rls" are the names config used before the catalog named each predictor as it reports itself.
            if (name == "ar-rls" || name == "ar" || name == "rls")
            {
                return new RlsArPredictor();
            }

            if (name == "precursor")
            {
                return new PrecursorDetector();
            }

            return new EwmaPredictor();
        }
    }
}
