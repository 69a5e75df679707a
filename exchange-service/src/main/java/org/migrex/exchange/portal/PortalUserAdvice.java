package org.migrex.exchange.portal;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every portal page knows who is signed in (null for a reader), for the navigation and the sign-in or sign-out link. */
@ControllerAdvice(assignableTypes = {PortalController.class, SignedInController.class,
        MirrorPageController.class, QualityPageController.class, RemittancePageController.class})
public class PortalUserAdvice {
    @ModelAttribute("user")
    public SignedInController.SignedInUser user() {
        return SignedInController.SignedInUser.of(SecurityContextHolder.getContext().getAuthentication());
    }
}
