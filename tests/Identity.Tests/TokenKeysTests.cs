using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Identity.Model;

namespace SocialPrescribing.Identity.Tests;

/// <summary>
/// Token signing and encryption keys are encrypted at rest and rotated: a token signed before a
/// rotation still validates against the published keys; once its key is retired, it does not.
/// </summary>
public sealed class TokenKeysTests : IAsyncLifetime
{
    // A suite of its own: rotating moves the keys every other test relies on.
    private readonly IdentityFactory _identity = new();

    public Task InitializeAsync() => ((IAsyncLifetime)_identity).InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_identity).DisposeAsync();

    [Fact]
    public async Task Every_stored_key_is_encrypted_and_not_readable_as_a_private_key()
    {
        await TokenAsync();

        var rows = await QueryAsync(db => db.SigningKeys.AsNoTracking().ToListAsync());

        Assert.Contains(rows, r => r.Use == TokenKeys.Signing);
        Assert.Contains(rows, r => r.Use == TokenKeys.Encryption);
        Assert.All(rows, row =>
        {
            Assert.Equal(TokenKeys.DataProtected, row.Protection);
            using var rsa = RSA.Create();
            Assert.ThrowsAny<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(row.PrivateKey, out _));
        });
    }

    [Fact]
    public async Task A_key_stored_in_plain_is_encrypted_when_next_read()
    {
        using var rsa = RSA.Create(2048);
        var plain = new SigningKey { Id = Guid.NewGuid(), Use = TokenKeys.Signing, PrivateKey = rsa.ExportPkcs8PrivateKey(), CreatedAt = DateTimeOffset.UtcNow.AddDays(-1) };
        await QueryAsync(async db =>
        {
            await db.SigningKeys.Where(k => k.Use == TokenKeys.Signing).ExecuteDeleteAsync();
            db.SigningKeys.Add(plain);
            return await db.SaveChangesAsync();
        });

        var keys = await MaintainAsync(DateTimeOffset.UtcNow);

        Assert.Equal(plain.Id.ToString("N"), Assert.Single(keys).KeyId);
        var stored = await QueryAsync(db => db.SigningKeys.AsNoTracking().SingleAsync(k => k.Id == plain.Id));
        Assert.Equal(TokenKeys.DataProtected, stored.Protection);
        Assert.NotEqual(rsa.ExportPkcs8PrivateKey(), stored.PrivateKey);
    }

    [Fact]
    public async Task A_token_signed_before_a_rotation_validates_until_its_key_is_retired()
    {
        var before = await TokenAsync();
        var oldKey = new JsonWebToken(before).Kid;

        // 91 days on: a new key signs, the old one is still published.
        var rotation = DateTimeOffset.UtcNow.AddDays(91);
        var keys = await MaintainAsync(rotation);
        Refresh();
        Assert.Equal(2, keys.Count);
        Assert.Equal(oldKey, keys[1].KeyId);
        var after = await TokenAsync();
        Assert.NotEqual(oldKey, new JsonWebToken(after).Kid);
        Assert.True(await ValidatesAsync(before), "a token signed before the rotation no longer validates");
        Assert.True(await ValidatesAsync(after));

        // Once every token the old key signed has expired, it is no longer published and its tokens fail.
        Assert.Single(await MaintainAsync(rotation + TokenKeys.KeptAfterRetirement(TokenKeys.Signing)));
        Refresh();
        Assert.False(await ValidatesAsync(before), "a token whose key was retired still validates");
        Assert.True(await ValidatesAsync(after));
    }

    private async Task<string> TokenAsync()
    {
        var (response, body) = await _identity.PasswordGrantAsync("linkworker", "Dev-Passw0rd!");
        response.EnsureSuccessStatusCode();
        return body["access_token"]!.GetValue<string>();
    }

    /// <summary>Validates a token's signature against the keys the Identity service publishes now (as every service does).</summary>
    private async Task<bool> ValidatesAsync(string token)
    {
        var jwks = new JsonWebKeySet(await _identity.CreateClient().GetStringAsync("/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            ValidTypes = ["at+jwt"],
        });
        return result.IsValid;
    }

    private Task<IReadOnlyList<RsaSecurityKey>> MaintainAsync(DateTimeOffset now) =>
        QueryAsync(db => Task.FromResult(_identity.Services.GetRequiredService<TokenKeys>().Maintain(db, TokenKeys.Signing, now)));

    private void Refresh() => _identity.Services.GetRequiredService<TokenKeyRotation>().Refresh();

    private async Task<T> QueryAsync<T>(Func<IdentityDbContext, Task<T>> query)
    {
        await using var scope = _identity.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IdentityDbContext>());
    }
}
