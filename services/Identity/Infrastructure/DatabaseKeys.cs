using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using SocialPrescribing.Identity.Model;

namespace SocialPrescribing.Identity.Infrastructure;

/// <summary>
/// Gives OpenIddict its signing and encryption keys from the identity database, creating them the
/// first time. Runs when the server options are first needed, after migrations have been applied.
/// </summary>
internal sealed class DatabaseKeys(IServiceScopeFactory scopeFactory, TimeProvider time) : IPostConfigureOptions<OpenIddictServerOptions>
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    public void PostConfigure(string? name, OpenIddictServerOptions options)
    {
        using var scope = scopeFactory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();

        foreach (var key in LoadOrCreate(db, Signing))
        {
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }

        foreach (var key in LoadOrCreate(db, Encryption))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }

    private List<RsaSecurityKey> LoadOrCreate(IdentityDbContext db, string use)
    {
        var stored = db.SigningKeys.Where(k => k.Use == use).OrderByDescending(k => k.CreatedAt).ToList();
        if (stored.Count == 0)
        {
            using var rsa = RSA.Create(2048);
            var created = new SigningKey { Id = Guid.NewGuid(), Use = use, PrivateKey = rsa.ExportPkcs8PrivateKey(), CreatedAt = time.GetUtcNow() };
            db.SigningKeys.Add(created);
            db.SaveChanges();
            stored.Add(created);
        }

        return stored.Select(k =>
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(k.PrivateKey, out _);
            return new RsaSecurityKey(rsa) { KeyId = k.Id.ToString("N") };
        }).ToList();
    }
}
