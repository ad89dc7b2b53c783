using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SocialPrescribing.Messaging.Audit;

/// <summary>The hash chain over a service's audit entries (see <see cref="AuditSeal"/>).</summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>
    /// The entry's link: every field, each length-prefixed so no two entries read alike, after the previous link.
    /// </summary>
    public static byte[] Link(byte[] previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     entry.Id.ToString(CultureInfo.InvariantCulture),
                     entry.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
                     entry.Actor, entry.ActorRoles, entry.Action, entry.ResourceType,
                     entry.ResourceId.ToString("D"), entry.Route,
                 })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        var fields = Encoding.UTF8.GetBytes(text.ToString());
        var input = new byte[previous.Length + fields.Length];
        previous.CopyTo(input, 0);
        fields.CopyTo(input, previous.Length);
        return SHA256.HashData(input);
    }
}
