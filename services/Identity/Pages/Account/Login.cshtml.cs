using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SocialPrescribing.Identity.Model;
using SocialPrescribing.Privacy;

namespace SocialPrescribing.Identity.Pages.Account;

/// <summary>Staff sign-in. Five wrong passwords lock the account for 15 minutes.</summary>
public sealed partial class LoginModel(
    SignInManager<ApplicationUser> signIn, UserManager<ApplicationUser> users, IHostEnvironment environment, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty] public string? Username { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? UsernameError { get; private set; }
    public string? PasswordError { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Username))
        {
            UsernameError = "Enter your username.";
        }

        if (string.IsNullOrEmpty(Password))
        {
            PasswordError = "Enter your password.";
        }

        if (UsernameError is null && PasswordError is null)
        {
            var user = await users.FindByNameAsync(Username!.Trim());
            if (user is null || (user.IsDevelopmentAccount && !environment.IsDevelopment()))
            {
                LogUnknownAccount(logger, Username!);
                Problem = "The username or password is not right.";
            }
            else
            {
                var result = await signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    LogSignedIn(logger, user.UserName!);
                    return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
                }

                if (result.IsLockedOut)
                {
                    LogLockedOut(logger, user.UserName!);
                }

                Problem = result.IsLockedOut
                    ? "Your account is locked after too many attempts. Try again in 15 minutes or ask an administrator."
                    : "The username or password is not right.";
            }
        }

        ViewData["HasErrors"] = true;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    // User names are classified: the logging pipeline erases them, so ops see that it happened, not to whom.
    [LoggerMessage(Level = LogLevel.Information, Message = "Staff sign-in succeeded for {UserName}")]
    private static partial void LogSignedIn(ILogger logger, [Identifying] string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staff account {UserName} is locked out after repeated failed sign-ins")]
    private static partial void LogLockedOut(ILogger logger, [Identifying] string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused for unknown or disallowed account {UserName}")]
    private static partial void LogUnknownAccount(ILogger logger, [Identifying] string userName);
}
