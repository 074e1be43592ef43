namespace Edge.Node.Esp32
{
    /// <summary>The local sensor as the main loop sees it: one value per buffer step.</summary>
    public interface IStepSource
    {
        /// <summary>The value for the step that just ended (a pulse count, or one ADC reading).</summary>
        double TakeStep();
    }
}
