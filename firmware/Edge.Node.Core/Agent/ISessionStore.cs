namespace Edge.Node.Core.Agent
{
    /// <summary>
    /// Keeps the session number across restarts (a file on the Pi, internal flash on the ESP32), so that a Will
    /// from before a reboot can never be mistaken for the death of the session after it.
    /// </summary>
    public interface ISessionStore
    {
        long Load();

        void Save(long session);
    }
}
