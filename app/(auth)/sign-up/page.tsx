import { SignUpForm } from "./sign-up-form";

export const metadata = { title: "Create a workspace" };

export default function SignUpPage() {
  return <SignUpForm />;
}
