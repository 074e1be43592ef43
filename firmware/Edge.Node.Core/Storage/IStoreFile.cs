namespace Edge.Node.Core.Storage
{
    /// <summary>
    /// The one file operation set both boards' stores need, so the record format and its recovery are written once:
    /// the Raspberry Pi implements it over a FileStream on its data directory, the ESP32 over nanoFramework's
    /// FileStream on internal flash (I:\), and the tests over a fault-injecting double. Writes land at a position no
    /// further than the current length (nanoFramework's FileStream cannot seek past the end); a write that cannot be
    /// completed (flash full, card gone) throws System.IO.IOException and may have left any prefix of its bytes behind.
    /// </summary>
    public interface IStoreFile
    {
        /// <summary>Bytes in the file; 0 when it does not exist.</summary>
        long Length { get; }

        /// <summary>Reads up to <paramref name="count"/> bytes at <paramref name="position"/>; fewer at the end of the file.</summary>
        int Read(long position, byte[] buffer, int offset, int count);

        /// <summary>Writes at <paramref name="position"/> (at most Length), creating the file when absent.</summary>
        void Write(long position, byte[] buffer, int offset, int count);

        /// <summary>Returns once what was written is on the medium.</summary>
        void Flush();
    }
}
