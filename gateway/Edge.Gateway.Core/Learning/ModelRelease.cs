using System.Buffers.Binary;
using System.IO.Hashing;

namespace Edge.Gateway.Core.Learning;

/// <summary>
/// A model as it is pushed: a version that only grows, the kind, the weights, and the CRC-32 of the weights as
/// they travel (float32 little-endian), which the node checks before loading. The validation figures say why it
/// was pushed: its loss on recent data it was not trained on, and the loss of what the nodes ran before.
/// </summary>
internal sealed record ModelRelease(long Version, string Kind, double[] Weights, uint Checksum, double ValidationLoss, double BaselineLoss)
{
    public static ModelRelease Create(long version, PeakModel model, double validationLoss, double baselineLoss)
    {
        double[] weights = model.ToWeights();
        return new ModelRelease(version, model.Kind, weights, Crc32.HashToUInt32(ToBytes(weights)), validationLoss, baselineLoss);
    }

    /// <summary>The weights as float32 little-endian, the form the config carries (base64).</summary>
    public static byte[] ToBytes(double[] weights)
    {
        var bytes = new byte[weights.Length * sizeof(float)];
        for (int i = 0; i < weights.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), (float)weights[i]);
        }

        return bytes;
    }
}
