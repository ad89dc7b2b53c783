using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Identity.Model;
using SocialPrescribing.Privacy;

namespace SocialPrescribing.Identity.Pages.Account;

/// <summary>
/// Multi-factor sign-in for the signed-in member of staff: set up an authenticator app (QR code, or the key
/// typed in), see recovery codes once, add passkeys. Once a second factor is set up, changing any of it
/// needs a session that was signed in with one.
/// </summary>
[Authorize(AuthenticationSchemes = "Identity.Application")]
public sealed partial class MfaModel(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, SignInAttempts attempts, MfaRequirement mfa,
    ILogger<MfaModel> logger) : PageModel
{
    public const string Issuer = "Social prescribing";
    private const int RecoveryCodeCount = 10;

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Credential { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool Enrolled { get; private set; }
    public bool Required { get; private set; }
    public bool MayChange { get; private set; }
    public string? SharedKey { get; private set; }
    public string? QrCode { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];
    public string? CodeError { get; private set; }
    public string? PasskeyError { get; private set; }
    public string? Done { get; private set; }

    public string ContinueTo => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostEnrolAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (Enrolled)
        {
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            CodeError = "Enter the 6-digit code your authenticator app shows.";
            return Refused(StatusCodes.Status400BadRequest);
        }

        var attempt = await attempts.BeginAsync(HttpContext, user.UserName, user.Id, cancellationToken);
        if (attempt.Wait is not null)
        {
            CodeError = attempt.Refuse(Response);
            return Refused(StatusCodes.Status429TooManyRequests);
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Code))
        {
            await attempt.FailedAsync(cancellationToken);
            CodeError = "That code is not right. Check the app shows Social prescribing and enter its newest code.";
            return Refused(StatusCodes.Status400BadRequest);
        }

        await attempt.SucceededAsync(cancellationToken);
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        // This session has now passed a second factor.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SecondFactor.Claim, SecondFactor.Passed)]);
        LogEnrolled(logger, user.UserName!);
        await LoadAsync(user, secondFactorPassed: true);
        Done = "Your authenticator app is set up. From now on you will be asked for a code when you sign in.";
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (!Enrolled || !MayChange)
        {
            return Refused(StatusCodes.Status403Forbidden);
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        RecoveryCodesLeft = RecoveryCodeCount;
        Done = "You have new recovery codes. The old ones no longer work.";
        return Page();
    }

    public async Task<IActionResult> OnPostTurnOffAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (!Enrolled || !MayChange || Required)
        {
            return Refused(StatusCodes.Status403Forbidden);
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        LogTurnedOff(logger, user.UserName!);
        await LoadAsync(user, SecondFactor.WasPassed(User));
        Done = "Your authenticator app is no longer asked for when you sign in.";
        return Page();
    }

    /// <summary>The browser asks how to create a passkey (a fresh challenge, kept in a short-lived cookie).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (await LoadAsync() is not { } user || !MayChange)
        {
            return Forbid();
        }

        var entity = new PasskeyUserEntity { Id = user.Id, Name = user.UserName!, DisplayName = user.DisplayName };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        if (await LoadAsync() is not { } user)
        {
            return Challenge();
        }

        if (!MayChange)
        {
            return Refused(StatusCodes.Status403Forbidden);
        }

        var result = string.IsNullOrWhiteSpace(Credential) ? null : await signIn.PerformPasskeyAttestationAsync(Credential);
        if (result is not { Succeeded: true } || result.UserEntity.Id != user.Id)
        {
            LogPasskeyRefused(logger, result?.Failure?.Message ?? "no credential from the browser");
            PasskeyError = "The passkey was not created. Try again, or use an authenticator app.";
            return Refused(StatusCodes.Status400BadRequest);
        }

        result.Passkey.Name = $"Passkey added {DateTimeOffset.UtcNow:d MMMM yyyy}";
        await users.AddOrUpdatePasskeyAsync(user, result.Passkey);
        LogPasskeyAdded(logger, user.UserName!);
        await LoadAsync(user, SecondFactor.WasPassed(User));
        Done = "Your passkey is added. Next time you can sign in with it.";
        return Page();
    }

    private async Task<ApplicationUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            await LoadAsync(user, SecondFactor.WasPassed(User));
        }

        return user;
    }

    private async Task LoadAsync(ApplicationUser user, bool secondFactorPassed)
    {
        Enrolled = await users.GetTwoFactorEnabledAsync(user);
        Passkeys = [.. await users.GetPasskeysAsync(user)];
        Required = mfa.IsRequiredFor(await users.GetRolesAsync(user));
        MayChange = secondFactorPassed || (!Enrolled && Passkeys.Count == 0);
        RecoveryCodesLeft = Enrolled ? await users.CountRecoveryCodesAsync(user) : 0;
        if (!Enrolled)
        {
            var key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);
            }

            SharedKey = key;
            var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(user.UserName!)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
            QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        }
    }

    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    public string SharedKeyGrouped => string.Join(' ', (SharedKey ?? "").ToLowerInvariant().Chunk(4).Select(c => new string(c)));

    private PageResult Refused(int status)
    {
        Code = null;
        ViewData["HasErrors"] = status == StatusCodes.Status400BadRequest || status == StatusCodes.Status429TooManyRequests;
        Response.StatusCode = status;
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Authenticator app set up for {UserName}")]
    private static partial void LogEnrolled(ILogger logger, [Identifying] string userName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Authenticator app turned off for {UserName}")]
    private static partial void LogTurnedOff(ILogger logger, [Identifying] string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Passkey not added: {Reason}")]
    private static partial void LogPasskeyRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Passkey added for {UserName}")]
    private static partial void LogPasskeyAdded(ILogger logger, [Identifying] string userName);
}
