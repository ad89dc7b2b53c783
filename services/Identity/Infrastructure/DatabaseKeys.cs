using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;

namespace SocialPrescribing.Identity.Infrastructure;

/// <summary>
/// Gives OpenIddict its signing and encryption keys from the identity database (<see cref="TokenKeys"/>:
/// encrypted at rest, rotated). Runs whenever the server options are built: first after migrations,
/// then again each time <see cref="TokenKeyRotation"/> asks for them to be rebuilt.
/// </summary>
internal sealed class DatabaseKeys(IServiceScopeFactory scopeFactory, TokenKeys keys, TimeProvider time) : IPostConfigureOptions<OpenIddictServerOptions>
{
    public void PostConfigure(string? name, OpenIddictServerOptions options)
    {
        using var scope = scopeFactory.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDbContext>();
        var now = time.GetUtcNow();
        foreach (var key in keys.Maintain(db, TokenKeys.Signing, now))
        {
            options.SigningCredentials.Add(new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
        }

        foreach (var key in keys.Maintain(db, TokenKeys.Encryption, now))
        {
            options.EncryptionCredentials.Add(new EncryptingCredentials(key, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        }
    }
}

/// <summary>
/// Every hour the server options are built again, so keys rotate and retired ones stop being published
/// without a restart (the options are otherwise built once).
/// </summary>
internal sealed class TokenKeyRotation(IOptionsMonitorCache<OpenIddictServerOptions> cache, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Drops the built options: the next request builds them again from the database.</summary>
    public void Refresh() => cache.TryRemove(Options.DefaultName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Refresh();
        }
    }
}
