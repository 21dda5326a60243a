import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Section } from './Section';

describe('Section', () => {
  beforeEach(() => window.localStorage.clear());

  const section = (defaultOpen: boolean) => (
    <Section
      id="own"
      title="Own signals"
      summary="1 incident"
      defaultOpen={defaultOpen}
    >
      <p>the incidents</p>
    </Section>
  );

  it('follows its default until the reader chooses, then keeps the choice, also on the next page', async () => {
    const { rerender, unmount } = render(section(false));
    const button = screen.getByRole('button', { name: /Own signals/ });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByText('1 incident')).toBeVisible();
    expect(screen.queryByText('the incidents')).toBeNull();

    // an incident arrives on the open page: the untouched section opens
    rerender(section(true));
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('the incidents')).toBeInTheDocument();

    // the reader closes it: it stays closed whatever its default
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'false');
    rerender(section(true));
    expect(button).toHaveAttribute('aria-expanded', 'false');

    unmount();
    render(section(true));
    expect(screen.getByRole('button', { name: /Own signals/ })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
  });

  it('is reached and toggled by keyboard', async () => {
    render(section(false));
    await userEvent.tab();
    const button = screen.getByRole('button', { name: /Own signals/ });
    expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
  });
});
