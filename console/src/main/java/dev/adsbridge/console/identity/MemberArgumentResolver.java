package dev.adsbridge.console.identity;

import dev.adsbridge.console.tenancy.Member;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Gives every controller method that declares a {@link Member} parameter the signed-in member. */
@Configuration(proxyBeanMethods = false)
class MemberArgumentResolver implements WebMvcConfigurer, HandlerMethodArgumentResolver {

    private final SignedInMember signedIn;

    MemberArgumentResolver(SignedInMember signedIn) {
        this.signedIn = signedIn;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return Member.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        return signedIn.required(webRequest.getNativeRequest(HttpServletRequest.class));
    }
}
