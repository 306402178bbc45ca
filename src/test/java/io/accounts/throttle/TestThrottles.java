package io.accounts.throttle;

/** Throttles for unit tests of other packages, configured as the container would configure them. */
public final class TestThrottles {

    private TestThrottles() {
    }

    public static LoginThrottle login(long pair, long address, long account) {
        LoginThrottle throttle = new LoginThrottle();
        throttle.perPair = pair;
        throttle.perAddress = address;
        throttle.perAccount = account;
        throttle.windowSeconds = 300;
        throttle.init();
        return throttle;
    }

    public static RegistrationThrottle registration(long perAddress) {
        RegistrationThrottle throttle = new RegistrationThrottle();
        throttle.perAddress = perAddress;
        throttle.windowSeconds = 3600;
        throttle.init();
        return throttle;
    }
}
