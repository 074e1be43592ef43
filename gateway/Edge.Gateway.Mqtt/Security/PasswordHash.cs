using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Edge.Gateway.Mqtt.Security;

/// <summary>
/// PBKDF2-SHA512 in Mosquitto's own password_file format, <c>$7$iterations$base64(salt)$base64(hash)</c>
/// (what mosquitto_passwd 2.x writes: 12-byte salt, 64-byte hash), so one hash serves the embedded broker and the
/// password_file handed to Mosquitto. Only the hash is kept at rest; passwords are shown once, at provisioning.
/// </summary>
internal static class PasswordHash
{
    /// <summary>Mosquitto's default is 101; more makes a stolen file slower to attack, at a cost on every CONNECT.</summary>
    public const int Iterations = 10_000;

    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    public static string Create(string password)
    {
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Derive(password, salt, Iterations);
        return "$7$" + Iterations.ToString(CultureInfo.InvariantCulture) + "$" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(hash);
    }

    /// <summary>False for a wrong password and for anything that is not a well-formed $7$ hash.</summary>
    public static bool Verify(string password, string encoded)
    {
        string[] parts = encoded.Split('$');
        if (parts.Length != 5 || parts[0].Length != 0 || parts[1] != "7"
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int iterations) || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        try
        {
            byte[] salt = Convert.FromBase64String(parts[3]);
            byte[] expected = Convert.FromBase64String(parts[4]);
            return expected.Length == HashBytes && CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A password for a new credential: 24 random bytes, URL-safe base64 (fits JSON and shell quoting).</summary>
    public static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
}
