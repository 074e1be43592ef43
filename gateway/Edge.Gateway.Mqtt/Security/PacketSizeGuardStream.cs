namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// Reads an MQTT connection's bytes for MQTTnet and follows their framing as they pass: each packet's fixed header
/// declares its remaining length, and a length above the limit ends the connection before MQTTnet sees it. MQTTnet's
/// server allocates a packet's whole body as soon as its header is read (up to 256 MiB, before CONNECT is even
/// validated), so without this a stranger's five bytes could make the gateway allocate a quarter of a gigabyte per
/// connection. Writes pass straight through.
/// </summary>
internal sealed class PacketSizeGuardStream(Stream inner, int maxRemainingLength, Action? onOversize = null) : Stream
{
    // Where the parser is: expecting a packet's first byte, inside its remaining-length varint, or skipping its body.
    private int _state;
    private int _lengthBytes;
    private long _length;
    private long _multiplier = 1;
    private long _bodyLeft;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read = inner.Read(buffer, offset, count);
        Follow(buffer.AsSpan(offset, read));
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Follow(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();

    private void Follow(ReadOnlySpan<byte> bytes)
    {
        int i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case 0:
                    // The packet type and flags: any value; the length follows.
                    i++;
                    _state = 1;
                    _lengthBytes = 0;
                    _length = 0;
                    _multiplier = 1;
                    break;
                case 1:
                    byte b = bytes[i++];
                    _length += (b & 0x7F) * _multiplier;
                    _multiplier *= 128;
                    _lengthBytes++;
                    if (_length > maxRemainingLength || (_lengthBytes == 4 && (b & 0x80) != 0))
                    {
                        onOversize?.Invoke();
                        throw new InvalidDataException("MQTT packet of " + _length + "+ bytes is above the " + maxRemainingLength + "-byte limit");
                    }

                    if ((b & 0x80) == 0)
                    {
                        _bodyLeft = _length;
                        _state = _bodyLeft == 0 ? 0 : 2;
                    }

                    break;
                default:
                    int skip = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    i += skip;
                    _bodyLeft -= skip;
                    if (_bodyLeft == 0)
                    {
                        _state = 0;
                    }

                    break;
            }
        }
    }
}
