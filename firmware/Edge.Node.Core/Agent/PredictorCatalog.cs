using Edge.Node.Core.Prediction;

namespace Edge.Node.Core.Agent
{
    /// <summary>Predictors by the names retained config uses ("predictor": "holt"); unknown names get the baseline.</summary>
    public static class PredictorCatalog
    {
        public static IPredictor Create(string name)
        {
            if (name == "holt")
            {
                return new HoltPredictor();
            }

            if (name == "ar" || name == "rls")
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
