using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Identity.Infrastructure;
using SocialPrescribing.Identity.Model;
using SocialPrescribing.Privacy;

namespace SocialPrescribing.Identity.Pages.Account;

/// <summary>
/// The second step of sign-in: the code from the person's authenticator app, or one of their recovery
/// codes. A wrong, replayed or expired code is refused and counted by the throttle like a wrong password.
/// </summary>
public sealed partial class LoginCodeModel(
    SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, SignInAttempts attempts, KnownBrowsers browsers,
    ILogger<LoginCodeModel> logger) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? RecoveryCode { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty(SupportsGet = true)] public bool UseRecoveryCode { get; set; }

    public string? CodeError { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The password step is remembered in a short-lived cookie; without it, start again.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("Login", new { ReturnUrl });
        }

        var entered = UseRecoveryCode ? RecoveryCode : Code;
        if (string.IsNullOrWhiteSpace(entered))
        {
            CodeError = UseRecoveryCode ? "Enter one of your recovery codes." : "Enter the 6-digit code from your authenticator app.";
            return Refused(StatusCodes.Status400BadRequest);
        }

        var attempt = await attempts.BeginAsync(HttpContext, user.UserName, user.Id, cancellationToken);
        if (attempt.Wait is not null)
        {
            CodeError = attempt.Refuse(Response);
            return Refused(StatusCodes.Status429TooManyRequests);
        }

        var accepted = UseRecoveryCode
            ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, entered.Replace(" ", "", StringComparison.Ordinal).Trim())).Succeeded
            : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, entered);
        if (!accepted)
        {
            await attempt.FailedAsync(cancellationToken);
            LogCodeRefused(logger, user.UserName!);
            CodeError = UseRecoveryCode
                ? "That recovery code is not right or has been used."
                : "That code is not right. Codes change every 30 seconds and each works once: enter the newest one from your app.";
            return Refused(StatusCodes.Status400BadRequest);
        }

        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SecondFactor.Claim, SecondFactor.Passed)]);
        await attempt.SucceededAsync(cancellationToken);
        browsers.Remember(HttpContext, user.Id);
        LogSignedIn(logger, user.UserName!);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private PageResult Refused(int status)
    {
        Code = null;
        RecoveryCode = null;
        ViewData["HasErrors"] = true;
        Response.StatusCode = status;
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staff sign-in with a second factor succeeded for {UserName}")]
    private static partial void LogSignedIn(ILogger logger, [Identifying] string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Second-factor code refused for {UserName}")]
    private static partial void LogCodeRefused(ILogger logger, [Identifying] string userName);
}
