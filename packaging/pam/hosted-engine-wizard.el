#%PAM-1.0
# PAM service of the Hosted Engine Wizard on EL (RHEL, CentOS Stream, Rocky, oVirt Node), installed
# by the RPM as /etc/pam.d/hosted-engine-wizard. The wizard checks a password and the account only;
# password-auth is what remote logins (sshd, cockpit) use, and where pam_faillock is configured.
auth       substack     password-auth
account    required     pam_nologin.so
account    include      password-auth
