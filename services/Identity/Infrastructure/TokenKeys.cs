using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using SocialPrescribing.Identity.Model;

namespace SocialPrescribing.Identity.Infrastructure;

/// <summary>
/// The keys tokens are signed and encrypted with, kept in <c>identitydb</c> (so every replica uses the
/// same keys and tokens survive restarts), <b>encrypted at rest</b> with ASP.NET Core Data Protection
/// (the key ring of <c>DataProtection:KeysPath</c>, itself protected by <c>DataProtection:CertificatePath</c>
/// where given), and <b>rotated</b>: a new key every <c>Identity:KeyRotationDays</c> (90), the retired one
/// still published until every token it signed (an hour) or encrypted (refresh tokens: 15 days) has
/// expired, then dropped.
/// </summary>
public sealed partial class TokenKeys(IDataProtectionProvider protection, IConfiguration configuration, ILogger<TokenKeys> logger)
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";
    public const string RotationSetting = "Identity:KeyRotationDays";

    /// <summary>How a stored key is protected: <see cref="DataProtected"/>, or <c>none</c> for a key written before keys were encrypted.</summary>
    public const string DataProtected = "data-protection";

    private readonly IDataProtector _protector = protection.CreateProtector("SocialPrescribing.Identity.TokenKeys.v1");

    /// <summary>How long a key signs or encrypts new tokens before a new one takes over.</summary>
    public TimeSpan RotateAfter { get; } = TimeSpan.FromDays(ReadRotationDays(configuration));

    /// <summary>How long a retired key is still published and accepted: longer than any token it signed or encrypted lives.</summary>
    public static TimeSpan KeptAfterRetirement(string use) => use == Signing ? TimeSpan.FromHours(1) : TimeSpan.FromDays(15);

    /// <summary>
    /// Encrypts any key stored in plain, retires the newest key once it is <see cref="RotateAfter"/> old
    /// (creating its successor), drops keys retired longer than they are kept, and returns the usable keys,
    /// the one to sign or encrypt with first. One replica at a time (a transaction-scoped advisory lock).
    /// </summary>
    public IReadOnlyList<RsaSecurityKey> Maintain(IdentityDbContext db, string use, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        using var transaction = db.Database.BeginTransaction();
        db.Database.ExecuteSql($"SELECT pg_advisory_xact_lock(hashtextextended({"token-keys:" + use}, 0))");
        var stored = db.SigningKeys.Where(k => k.Use == use).OrderByDescending(k => k.CreatedAt).ToList();
        var usable = new List<(SigningKey Row, RSA Key)>();
        foreach (var row in stored)
        {
            if (row.RetiredAt is { } retired && now - retired >= KeptAfterRetirement(use))
            {
                db.SigningKeys.Remove(row);
                LogDropped(logger, use, row.Id);
                continue;
            }

            if (Open(row) is { } key)
            {
                usable.Add((row, key));
            }
        }

        if (usable.Count == 0 || usable[0].Row.RetiredAt is not null || now - usable[0].Row.CreatedAt >= RotateAfter)
        {
            foreach (var (row, _) in usable.Where(u => u.Row.RetiredAt is null))
            {
                row.RetiredAt = now;
            }

            var rsa = RSA.Create(2048);
            var created = new SigningKey { Id = Guid.NewGuid(), Use = use, CreatedAt = now };
            Seal(created, rsa);
            db.SigningKeys.Add(created);
            usable.Insert(0, (created, rsa));
            LogCreated(logger, use, created.Id);
        }

        db.SaveChanges();
        transaction.Commit();
        return [.. usable.Select(u => new RsaSecurityKey(u.Key) { KeyId = u.Row.Id.ToString("N") })];
    }

    /// <summary>The key in a row, encrypting it in place if it was stored plain; null (and a warning) if it cannot be read.</summary>
    private RSA? Open(SigningKey row)
    {
        var rsa = RSA.Create();
        try
        {
            if (row.Protection == DataProtected)
            {
                rsa.ImportPkcs8PrivateKey(_protector.Unprotect(row.PrivateKey), out _);
            }
            else
            {
                rsa.ImportPkcs8PrivateKey(row.PrivateKey, out _);
                Seal(row, rsa);
            }

            return rsa;
        }
        catch (CryptographicException)
        {
            // The Data Protection key ring that sealed it is gone: it can sign nothing more; a new key takes over.
            LogUnreadable(logger, row.Use, row.Id);
            row.RetiredAt ??= row.CreatedAt;
            rsa.Dispose();
            return null;
        }
    }

    private void Seal(SigningKey row, RSA rsa)
    {
        row.PrivateKey = _protector.Protect(rsa.ExportPkcs8PrivateKey());
        row.Protection = DataProtected;
    }

    private static double ReadRotationDays(IConfiguration configuration)
    {
        var text = configuration[RotationSetting];
        return string.IsNullOrWhiteSpace(text) ? 90
            : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var days) && days >= 1
                ? days
                : throw new InvalidOperationException($"{RotationSetting} must be a number of days, 1 or more, not '{text}'.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A new {Use} key {KeyId} now signs or encrypts new tokens")]
    private static partial void LogCreated(ILogger logger, string use, Guid keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The retired {Use} key {KeyId} is no longer published: every token it served has expired")]
    private static partial void LogDropped(ILogger logger, string use, Guid keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The stored {Use} key {KeyId} cannot be decrypted (its Data Protection key ring is missing): it is retired")]
    private static partial void LogUnreadable(ILogger logger, string use, Guid keyId);
}
